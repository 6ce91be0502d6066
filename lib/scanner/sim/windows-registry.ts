// The base registry of a simulated Windows Server: every key of the recommended list with realistic values
// (some keys, like RunServices, do not exist on modern Windows: they are absent, not empty).
import { hash32 } from "./prng";
import type { Profile } from "./profile";
import { RegistryTree } from "./reg-state";

const HKLM = "HKEY_LOCAL_MACHINE";
export const SW = `${HKLM}\\SOFTWARE`;
export const WOW = `${HKLM}\\SOFTWARE\\WOW6432Node`;
export const NT = (root: string) => `${root}\\Microsoft\\Windows NT\\CurrentVersion`;
export const CV = (root: string) => `${root}\\Microsoft\\Windows\\CurrentVersion`;
export const WINLOGON = `${NT(SW)}\\Winlogon`;
export const RUN = `${CV(SW)}\\Run`;
export const HIVELIST = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\hivelist`;
export const FIREWALL = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy`;
const SIP = (root: string) => `${root}\\Microsoft\\Cryptography\\OID\\EncodingType 0\\CryptSIPDllRemoveSignedDataMsg`;

/** CONTOSO's domain SID; local accounts use the machine's own SID. */
export const DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330";
export const machineSid = (p: Profile) => `S-1-5-21-${hash32(p.seed, "a") % 4e9}-${hash32(p.seed, "b") % 4e9}-${hash32(p.seed, "c") % 4e9}`;

export function userSid(p: Profile, user: string): string {
  if (!user.includes("\\")) return `${machineSid(p)}-500`;
  return `${DOMAIN_SID}-${1100 + (hash32(user.toLowerCase()) % 3000)}`;
}

/** Profile folder of a user under C:\Users. */
export const profileFolder = (user: string) => user.slice(user.lastIndexOf("\\") + 1);

export const volume = (p: Profile) => `\\Device\\HarddiskVolume${2 + (hash32(p.seed, "volume") % 3)}`;

type V = readonly [string, string, string | number];

export function buildWindowsRegistry(p: Profile): RegistryTree {
  const r = new RegistryTree();
  const set = (key: string, values: readonly V[]) => {
    r.ensureKey(key);
    for (const [name, type, data] of values) r.setValue(key, name, type, String(data));
  };
  const sz = (name: string, data: string): V => [name, "REG_SZ", data];
  const ex = (name: string, data: string): V => [name, "REG_EXPAND_SZ", data];
  const dw = (name: string, data: number): V => [name, "REG_DWORD", data];

  for (const root of [SW, WOW]) {
    const sys = root === SW ? "System32" : "SysWOW64";
    set(`${SIP(root)}\\{C689AAB8-8E78-11D0-8C47-00C04FC295EE}`, [
      sz("Dll", "WINTRUST.DLL"),
      sz("FuncName", "CryptSIPDllRemoveSignedDataMsg"),
    ]);
    set(`${SIP(root)}\\{603BCC1F-4B59-4E08-B724-D2C6297EF351}`, [
      sz("Dll", `C:\\Windows\\${sys}\\WindowsPowerShell\\v1.0\\pwrshsip.dll`),
      sz("FuncName", "PsRemoveSignedDataMsg"),
    ]);
    set(`${NT(root)}\\IniFileMapping\\system.ini\\boot`, [
      sz("SCRNSAVE.EXE", "USR:Control Panel\\Desktop"),
      sz("Shell", "SYS:Microsoft\\Windows NT\\CurrentVersion\\Winlogon"),
    ]);
    set(`${NT(root)}\\Windows`, [
      sz("AppInit_DLLs", ""),
      dw("LoadAppInit_DLLs", 0),
      dw("RequireSignedAppInit_DLLs", 1),
      sz("DeviceNotSelectedTimeout", "15"),
      dw("GDIProcessHandleQuota", 10000),
      sz("Spooler", "yes"),
      sz("swapdisk", ""),
      sz("TransmissionRetryTimeout", "90"),
      dw("USERProcessHandleQuota", 10000),
      ex("IconServiceLib", "IconCodecService.dll"),
      dw("ShutdownWarningDialogTimeout", 4294967295),
    ]);
    const shellFolders: [string, string][] = [
      ["Common AppData", "C:\\ProgramData"],
      ["Common Desktop", "C:\\Users\\Public\\Desktop"],
      ["Common Documents", "C:\\Users\\Public\\Documents"],
      ["Common Programs", "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs"],
      ["Common Start Menu", "C:\\ProgramData\\Microsoft\\Windows\\Start Menu"],
      ["Common Startup", "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp"],
      ["Common Templates", "C:\\ProgramData\\Microsoft\\Windows\\Templates"],
      ["CommonMusic", "C:\\Users\\Public\\Music"],
      ["CommonPictures", "C:\\Users\\Public\\Pictures"],
      ["CommonVideo", "C:\\Users\\Public\\Videos"],
      ["Common Administrative Tools", "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Administrative Tools"],
    ];
    set(
      `${CV(root)}\\Explorer\\Shell Folders`,
      shellFolders.map(([n, d]) => sz(n, d)),
    );
    set(
      `${CV(root)}\\Explorer\\User Shell Folders`,
      shellFolders.map(([n, d]) => ex(n, d.replace("C:\\ProgramData", "%ProgramData%").replace("C:\\Users\\Public", "%PUBLIC%"))),
    );
    r.ensureKey(`${CV(root)}\\RunOnce`);
  }

  set(WINLOGON, [
    sz("AutoAdminLogon", "0"),
    dw("AutoRestartShell", 1),
    sz("Background", "0 0 0"),
    sz("CachedLogonsCount", "10"),
    sz("DebugServerCommand", "no"),
    sz("DefaultDomainName", p.cloud === "arc" ? "CONTOSO" : ""),
    sz("DefaultUserName", p.users[p.users.length - 1]),
    dw("DisableBackButton", 1),
    dw("DisableCAD", 1),
    dw("EnableSIHostIntegration", 1),
    dw("ForceUnlockLogon", 0),
    ["LastLogOffEndTimePerfCounter", "REG_QWORD", String(hash32(p.seed, "perf") * 100)],
    sz("LastUsedUsername", p.users[p.users.length - 1]),
    sz("LegalNoticeCaption", "Contoso Ltd. authorized use only"),
    sz("LegalNoticeText", "This system is for authorized use only. Activity may be monitored and reported."),
    dw("PasswordExpiryWarning", 5),
    sz("PowerdownAfterShutdown", "0"),
    sz("PreCreateKnownFolders", "{A520A1A4-1780-4FF6-BD18-167343C5AF16}"),
    sz("ReportBootOk", "1"),
    sz("scremoveoption", "0"),
    sz("Shell", "explorer.exe"),
    dw("ShellCritical", 0),
    sz("ShellInfrastructure", "sihost.exe"),
    dw("ShutdownFlags", 2147483687),
    dw("SiHostCritical", 0),
    dw("SiHostReadyTimeOut", 0),
    dw("SiHostRestartCountLimit", 0),
    dw("SiHostRestartTimeGap", 0),
    sz("Userinit", "C:\\Windows\\system32\\userinit.exe,"),
    sz("VMApplet", "SystemPropertiesPerformance.exe /pagefile"),
    sz("WinStationsDisabled", "0"),
  ]);
  set(`${WINLOGON}\\AlternateShells\\AvailableShells`, [sz("30000", "explorer.exe")]);
  set(`${NT(WOW)}\\Winlogon`, [sz("Shell", "explorer.exe"), sz("Userinit", "C:\\Windows\\system32\\userinit.exe,")]);

  const run: V[] = [ex("SecurityHealth", "%windir%\\system32\\SecurityHealthSystray.exe")];
  if (p.cloud === "arc" && p.release === "2022") run.push(sz("AzureArcSetup", "C:\\Windows\\System32\\AzureArcSysTray.exe"));
  if (p.roles.has("rds")) run.push(sz("OneDrive", '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background'));
  set(RUN, run);
  set(
    `${CV(WOW)}\\Run`,
    p.roles.has("rds") ? [ex("TeamsMachineInstaller", "%ProgramFiles%\\Teams Installer\\Teams.exe --checkInstall --source=default")] : [],
  );
  if (p.release === "2022") r.ensureKey(`${CV(SW)}\\RunOnceEx`);

  const vol = volume(p);
  set(HIVELIST, [
    sz("\\REGISTRY\\MACHINE\\HARDWARE", ""),
    sz("\\REGISTRY\\MACHINE\\BCD00000000", `${vol.replace(/\d+$/, "1")}\\EFI\\Microsoft\\Boot\\BCD`),
    sz("\\REGISTRY\\MACHINE\\SYSTEM", `${vol}\\Windows\\System32\\config\\SYSTEM`),
    sz("\\REGISTRY\\MACHINE\\SOFTWARE", `${vol}\\Windows\\System32\\config\\SOFTWARE`),
    sz("\\REGISTRY\\MACHINE\\SAM", `${vol}\\Windows\\System32\\config\\SAM`),
    sz("\\REGISTRY\\MACHINE\\SECURITY", `${vol}\\Windows\\System32\\config\\SECURITY`),
    sz("\\REGISTRY\\USER\\.DEFAULT", `${vol}\\Windows\\System32\\config\\DEFAULT`),
    sz("\\REGISTRY\\USER\\S-1-5-19", `\\??\\C:\\Windows\\ServiceProfiles\\LocalService\\NTUSER.DAT`),
    sz("\\REGISTRY\\USER\\S-1-5-20", `\\??\\C:\\Windows\\ServiceProfiles\\NetworkService\\NTUSER.DAT`),
  ]);

  const known = [
    "advapi32",
    "clbcatq",
    "combase",
    "COMDLG32",
    "coml2",
    "DifxApi",
    "gdi32",
    "gdiplus",
    "IMAGEHLP",
    "IMM32",
    "kernel32",
    "MSCTF",
    "MSVCRT",
    "NORMALIZ",
    "NSI",
    "ole32",
    "OLEAUT32",
    "PSAPI",
    "rpcrt4",
    "sechost",
    "Setupapi",
    "SHCORE",
    "SHELL32",
    "SHLWAPI",
    "user32",
    "WLDAP32",
    "wow64",
    "wow64cpu",
    "wow64win",
    "WS2_32",
  ];
  set(`${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\KnownDLLs`, [
    ...known.map((n) => sz(n, `${n}.dll`)),
    ...(p.release === "2022" ? [sz("_wow64cpu", "wow64cpu.dll"), sz("_wowarmhw", "wowarmhw.dll"), sz("_xtajit", "xtajit.dll")] : []),
    ex("DllDirectory", "%SystemRoot%\\system32"),
    ex("DllDirectory32", "%SystemRoot%\\syswow64"),
  ]);

  // Installed software (Programs and Features), so broad keys reach the per-machine limit as on real servers.
  const products: [string, string, string, string][] = [
    ["{B6D5F2C4-6A61-4E7D-8C5B-2B5E8E4C1A10}", "Microsoft Monitoring Agent", "10.20.18069.0", "Microsoft Corporation"],
    ["Microsoft Edge", "Microsoft Edge", "131.0.2903.70", "Microsoft Corporation"],
    [
      "{8BDFE669-9705-4184-9368-DB9CE581E0E7}",
      "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810",
      "14.40.33810.0",
      "Microsoft Corporation",
    ],
    ["{1D8E6291-B0D5-35EC-8441-6616F567A0F7}", "PowerShell 7-x64", "7.4.6.0", "Microsoft Corporation"],
    ["7-Zip", "7-Zip 24.08 (x64)", "24.08", "Igor Pavlov"],
    ["Notepad++", "Notepad++ (64-bit x64)", "8.7.1", "Notepad++ Team"],
  ];
  if (p.cloud === "arc")
    products.push(["{C8CF8FCA-2B3F-4E7A-A1F3-9E5B1D23D1C6}", "Azure Connected Machine Agent", "1.47.02904.1795", "Microsoft Corporation"]);
  if (p.roles.has("sql"))
    products.push(["Microsoft SQL Server SQLServer2019", "Microsoft SQL Server 2019 (64-bit)", "15.0.4390.2", "Microsoft Corporation"]);
  if (p.roles.has("build")) products.push(["Git_is1", "Git", "2.47.1", "The Git Development Community"]);
  for (const [id, name, version, publisher] of products) {
    set(`${CV(SW)}\\Uninstall\\${id}`, [
      sz("DisplayName", name),
      sz("DisplayVersion", version),
      sz("Publisher", publisher),
      sz("InstallDate", new Date(p.installedAt + (hash32(p.seed, id) % 40) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "")),
      dw("NoModify", 1),
      sz("UninstallString", `MsiExec.exe /X${id.startsWith("{") ? id : "{00000000-0000-0000-0000-000000000000}"}`),
    ]);
  }

  for (const profile of ["DomainProfile", "PublicProfile", "StandardProfile"]) {
    set(`${FIREWALL}\\${profile}`, [
      dw("EnableFirewall", 1),
      dw("DisableNotifications", 1),
      dw("DefaultInboundAction", 1),
      dw("DefaultOutboundAction", 0),
    ]);
    set(`${FIREWALL}\\${profile}\\Logging`, [
      ex("LogFilePath", "%systemroot%\\system32\\LogFiles\\Firewall\\pfirewall.log"),
      dw("LogFileSize", profile === "DomainProfile" ? 16384 : 4096),
      dw("LogDroppedPackets", profile === "PublicProfile" ? 1 : 0),
      dw("LogSuccessfulConnections", 0),
    ]);
  }
  return r;
}
