// The Windows services of a simulated server (about 40 to 50 per machine): the usual system services, plus role
// software (AD DS on domain controllers, IIS, SQL Server, RDS) and the cloud agents (Azure guest agent, Arc).
import type { Profile } from "./profile";
import { ServiceTable, type Service } from "./reg-state";

const SVCHOST = (group: string, p = true) => `C:\\Windows\\system32\\svchost.exe -k ${group}${p ? " -p" : ""}`;
const LS = "LocalSystem";
const LOCAL = "NT AUTHORITY\\LocalService";
const NETWORK = "NT AUTHORITY\\NetworkService";

type Row = readonly [name: string, display: string, startup: string, state: string, path: string, account: string];

const COMMON: readonly Row[] = [
  ["BFE", "Base Filtering Engine", "Auto", "Running", SVCHOST("LocalServiceNoNetworkFirewall"), LOCAL],
  ["BITS", "Background Intelligent Transfer Service", "Manual", "Stopped", SVCHOST("netsvcs"), LS],
  ["CryptSvc", "Cryptographic Services", "Auto", "Running", SVCHOST("NetworkService"), NETWORK],
  ["DcomLaunch", "DCOM Server Process Launcher", "Auto", "Running", SVCHOST("DcomLaunch"), LS],
  ["Dhcp", "DHCP Client", "Auto", "Running", SVCHOST("LocalServiceNetworkRestricted"), LOCAL],
  ["Dnscache", "DNS Client", "Auto", "Running", SVCHOST("NetworkService"), NETWORK],
  ["EventLog", "Windows Event Log", "Auto", "Running", SVCHOST("LocalServiceNetworkRestricted"), LOCAL],
  ["gpsvc", "Group Policy Client", "Auto", "Running", SVCHOST("netsvcs"), LS],
  [
    "HealthService",
    "Microsoft Monitoring Agent",
    "Auto",
    "Running",
    '"C:\\Program Files\\Microsoft Monitoring Agent\\Agent\\HealthService.exe"',
    LS,
  ],
  ["LanmanServer", "Server", "Auto", "Running", SVCHOST("smbsvcs"), LS],
  ["LanmanWorkstation", "Workstation", "Auto", "Running", SVCHOST("NetworkService"), NETWORK],
  ["mpssvc", "Windows Defender Firewall", "Auto", "Running", SVCHOST("LocalServiceNoNetworkFirewall"), LOCAL],
  ["msiserver", "Windows Installer", "Manual", "Stopped", "C:\\Windows\\system32\\msiexec.exe /V", LS],
  ["Netlogon", "Netlogon", "Auto", "Running", "C:\\Windows\\system32\\lsass.exe", LS],
  ["RemoteRegistry", "Remote Registry", "Disabled", "Stopped", SVCHOST("localService"), LOCAL],
  ["RpcEptMapper", "RPC Endpoint Mapper", "Auto", "Running", SVCHOST("RPCSS"), NETWORK],
  ["RpcSs", "Remote Procedure Call (RPC)", "Auto", "Running", SVCHOST("rpcss"), NETWORK],
  ["SamSs", "Security Accounts Manager", "Auto", "Running", "C:\\Windows\\system32\\lsass.exe", LS],
  ["Schedule", "Task Scheduler", "Auto", "Running", SVCHOST("netsvcs"), LS],
  ["SecurityHealthService", "Windows Security Service", "Manual", "Running", "C:\\Windows\\system32\\SecurityHealthService.exe", LS],
  ["SENS", "System Event Notification Service", "Auto", "Running", SVCHOST("netsvcs"), LS],
  ["sppsvc", "Software Protection", "Auto", "Stopped", "C:\\Windows\\system32\\sppsvc.exe", NETWORK],
  ["Spooler", "Print Spooler", "Auto", "Running", "C:\\Windows\\System32\\spoolsv.exe", LS],
  ["ssh-agent", "OpenSSH Authentication Agent", "Disabled", "Stopped", "C:\\Windows\\System32\\OpenSSH\\ssh-agent.exe", LS],
  ["TermService", "Remote Desktop Services", "Manual", "Running", SVCHOST("NetworkService"), NETWORK],
  ["TrustedInstaller", "Windows Modules Installer", "Manual", "Stopped", "C:\\Windows\\servicing\\TrustedInstaller.exe", LS],
  ["UsoSvc", "Update Orchestrator Service", "Manual", "Stopped", SVCHOST("netsvcs"), LS],
  ["VSS", "Volume Shadow Copy", "Manual", "Stopped", "C:\\Windows\\system32\\vssvc.exe", LS],
  ["W32Time", "Windows Time", "Auto", "Running", SVCHOST("LocalService"), LOCAL],
  ["WaaSMedicSvc", "Windows Update Medic Service", "Manual", "Stopped", SVCHOST("wusvcs"), LS],
  [
    "WdNisSvc",
    "Microsoft Defender Antivirus Network Inspection Service",
    "Manual",
    "Running",
    '"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\VERSION\\NisSrv.exe"',
    LOCAL,
  ],
  [
    "WinDefend",
    "Microsoft Defender Antivirus Service",
    "Auto",
    "Running",
    '"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\VERSION\\MsMpEng.exe"',
    LS,
  ],
  ["WinHttpAutoProxySvc", "WinHTTP Web Proxy Auto-Discovery Service", "Manual", "Running", SVCHOST("LocalServiceNetworkRestricted"), LOCAL],
  ["Winmgmt", "Windows Management Instrumentation", "Auto", "Running", SVCHOST("netsvcs"), LS],
  ["WinRM", "Windows Remote Management (WS-Management)", "Auto", "Running", SVCHOST("NetworkService"), NETWORK],
  ["wuauserv", "Windows Update", "Manual", "Stopped", SVCHOST("netsvcs"), LS],
];

const ROLES: Record<string, readonly Row[]> = {
  dc: [
    ["ADWS", "Active Directory Web Services", "Auto", "Running", "C:\\Windows\\ADWS\\Microsoft.ActiveDirectory.WebServices.exe", LS],
    ["DFSR", "DFS Replication", "Auto", "Running", "C:\\Windows\\system32\\DFSRs.exe", LS],
    ["DNS", "DNS Server", "Auto", "Running", "C:\\Windows\\system32\\dns.exe", LS],
    ["IsmServ", "Intersite Messaging", "Auto", "Running", "C:\\Windows\\System32\\ismserv.exe", LS],
    ["Kdc", "Kerberos Key Distribution Center", "Auto", "Running", "C:\\Windows\\System32\\lsass.exe", LS],
    ["NTDS", "Active Directory Domain Services", "Auto", "Running", "C:\\Windows\\System32\\lsass.exe", LS],
  ],
  iis: [
    ["W3SVC", "World Wide Web Publishing Service", "Auto", "Running", SVCHOST("iissvcs"), LS],
    ["WAS", "Windows Process Activation Service", "Manual", "Running", SVCHOST("iissvcs"), LS],
    ["IISADMIN", "IIS Admin Service", "Auto", "Running", "C:\\Windows\\system32\\inetsrv\\inetinfo.exe", LS],
  ],
  sql: [
    [
      "MSSQLSERVER",
      "SQL Server (MSSQLSERVER)",
      "Auto",
      "Running",
      '"C:\\Program Files\\Microsoft SQL Server\\SQLVER.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe" -sMSSQLSERVER',
      "NT Service\\MSSQLSERVER",
    ],
    [
      "SQLSERVERAGENT",
      "SQL Server Agent (MSSQLSERVER)",
      "Auto",
      "Running",
      '"C:\\Program Files\\Microsoft SQL Server\\SQLVER.MSSQLSERVER\\MSSQL\\Binn\\SQLAGENT.EXE" -i MSSQLSERVER',
      "NT Service\\SQLSERVERAGENT",
    ],
    [
      "SQLTELEMETRY",
      "SQL Server CEIP service (MSSQLSERVER)",
      "Auto",
      "Running",
      '"C:\\Program Files\\Microsoft SQL Server\\SQLVER.MSSQLSERVER\\MSSQL\\Binn\\sqlceip.exe" -Service MSSQLSERVER',
      "NT Service\\SQLTELEMETRY",
    ],
    ["SQLWriter", "SQL Server VSS Writer", "Auto", "Running", '"C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\sqlwriter.exe"', LS],
  ],
  fs: [
    ["Dfs", "DFS Namespace", "Auto", "Running", "C:\\Windows\\system32\\dfssvc.exe", LS],
    ["DFSR", "DFS Replication", "Auto", "Running", "C:\\Windows\\system32\\DFSRs.exe", LS],
  ],
  rds: [
    ["SessionEnv", "Remote Desktop Configuration", "Manual", "Running", SVCHOST("netsvcs"), LS],
    ["UmRdpService", "Remote Desktop Services UserMode Port Redirector", "Manual", "Running", SVCHOST("LocalSystemNetworkRestricted"), LS],
    ["TScPubRPC", "RemoteApp and Desktop Connection Management", "Auto", "Running", SVCHOST("tscpubrpc", false), NETWORK],
  ],
  build: [
    [
      "vstsagent.contoso.Default.HOSTNAME",
      "Azure Pipelines Agent (contoso.Default.HOSTNAME)",
      "Auto",
      "Running",
      '"C:\\agent\\bin\\AgentService.exe"',
      NETWORK,
    ],
  ],
  lab: [["sshd", "OpenSSH SSH Server", "Auto", "Running", "C:\\Windows\\System32\\OpenSSH\\sshd.exe", LS]],
};

/** Trigger-started services that come and go all day (the classic noise of service tracking). */
export const FLAPPING = ["BITS", "msiserver", "TrustedInstaller", "UsoSvc", "VSS", "WaaSMedicSvc", "wuauserv", "sppsvc"] as const;

/** Services an admin (or an attacker) switches to automatic start. */
export const STARTUP_TARGETS = ["RemoteRegistry", "ssh-agent", "wuauserv", "BITS", "sshd", "TermService"] as const;

export function defenderVersion(month: Date): string {
  const yy = String(month.getUTCFullYear() % 100).padStart(2, "0");
  const mm = String(month.getUTCMonth() + 1).padStart(2, "0");
  return `4.18.${yy}${mm}0.${(month.getUTCMonth() % 7) + 3}-0`;
}

export function guestAgentPath(build: number, at: Date): string {
  const d = at.toISOString().slice(0, 10);
  return `C:\\WindowsAzure\\GuestAgent_2.7.41491.${1100 + build}_${d}_063514\\WindowsAzureGuestAgent.exe`;
}

export function buildServices(p: Profile, defender: string, guestAgent: string): ServiceTable {
  const t = new ServiceTable();
  const sqlVer = p.release === "2019" ? "MSSQL15" : "MSSQL16";
  const rows: Row[] = [...COMMON];
  for (const [role, extra] of Object.entries(ROLES)) if (p.roles.has(role)) rows.push(...extra);
  for (const [name, displayName, startupType, state, path, account] of rows) {
    const host = p.name.toUpperCase();
    t.put({
      name: name.replace("HOSTNAME", host),
      displayName: displayName.replace("HOSTNAME", host),
      startupType,
      state,
      path: path.replace("VERSION", defender).replace("SQLVER", sqlVer),
      account,
    });
  }
  if (p.roles.has("dc")) t.update("Spooler", { startupType: "Disabled", state: "Stopped" }); // PrintNightmare hardening
  if (p.cloud === "azure") {
    t.put({
      name: "WindowsAzureGuestAgent",
      displayName: "Windows Azure Guest Agent",
      startupType: "Auto",
      state: "Running",
      path: guestAgent,
      account: LS,
    });
    t.put({
      name: "RdAgent",
      displayName: "RdAgent",
      startupType: "Auto",
      state: "Running",
      path: guestAgent.replace("WindowsAzureGuestAgent.exe", "WaAppAgent.exe"),
      account: LS,
    });
  } else {
    t.put({
      name: "himds",
      displayName: "Azure Hybrid Instance Metadata Service",
      startupType: "Auto",
      state: "Running",
      path: '"C:\\Program Files\\AzureConnectedMachineAgent\\himds.exe"',
      account: "NT SERVICE\\himds",
    });
    t.put({
      name: "GCArcService",
      displayName: "Guest Configuration Arc Service",
      startupType: "Auto",
      state: "Running",
      path: '"C:\\Program Files\\AzureConnectedMachineAgent\\GCArcService\\GC\\gc_service.exe" -k azurearc',
      account: LS,
    });
    t.put({
      name: "ExtensionService",
      displayName: "Guest Configuration Extension service",
      startupType: "Auto",
      state: "Running",
      path: '"C:\\Program Files\\AzureConnectedMachineAgent\\ExtensionService\\GC\\gc_service.exe" -k azureextension',
      account: LS,
    });
  }
  if (p.roles.has("onprem"))
    t.put({
      name: "MsMpSvc",
      displayName: "Microsoft Antimalware Service",
      startupType: "Auto",
      state: "Running",
      path: '"c:\\Program Files\\Microsoft Security Client\\MsMpEng.exe"',
      account: LS,
    });
  return t;
}

export type { Service };
