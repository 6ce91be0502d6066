// The base file system of a simulated Windows Server: the recommended files, a realistic subset of System32,
// drivers, Defender, and role software (IIS, SQL Server). OS binaries follow the monthly cumulative updates: a
// file's version is the last update that shipped it, so machines on the same patch level agree on its hash.
import { FileTree, type FileNode } from "./fs";
import { hash32, identityHash, mix32, sha256Hex } from "./prng";
import { DAY_MS, HOUR_MS, SIM_EPOCH, type Profile } from "./profile";
import { buildTime, cumulativeUpdateIndex, cumulativeUpdateTime } from "./repo";
import { renderTemplate, type TextTemplate } from "./text";
import { WINDOWS_TEMPLATES } from "./windows-text";

export const ACL_SYSTEM =
  "NT SERVICE\\TrustedInstaller:(F) BUILTIN\\Administrators:(RX) NT AUTHORITY\\SYSTEM:(RX) BUILTIN\\Users:(RX) APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES:(RX) APPLICATION PACKAGE AUTHORITY\\ALL RESTRICTED APPLICATION PACKAGES:(RX)";
export const ACL_ADMIN = "BUILTIN\\Administrators:(F) NT AUTHORITY\\SYSTEM:(F) BUILTIN\\Users:(RX)";
export const ACL_PROGRAM =
  "NT SERVICE\\TrustedInstaller:(F) NT AUTHORITY\\SYSTEM:(M) BUILTIN\\Administrators:(M) BUILTIN\\Users:(RX) CREATOR OWNER:(OI)(CI)(IO)(F)";
export const ACL_PUBLIC =
  "NT AUTHORITY\\SYSTEM:(I)(F) BUILTIN\\Administrators:(I)(F) NT AUTHORITY\\INTERACTIVE:(I)(M) NT AUTHORITY\\SERVICE:(I)(M) NT AUTHORITY\\BATCH:(I)(M)";

const S32 = "C:\\Windows\\System32";
const EXES = [
  "at.exe",
  "attrib.exe",
  "auditpol.exe",
  "bcdedit.exe",
  "certutil.exe",
  "cmd.exe",
  "conhost.exe",
  "csrss.exe",
  "dllhost.exe",
  "dism.exe",
  "dwm.exe",
  "eventvwr.exe",
  "findstr.exe",
  "gpupdate.exe",
  "icacls.exe",
  "ipconfig.exe",
  "lsass.exe",
  "mmc.exe",
  "msiexec.exe",
  "mshta.exe",
  "net.exe",
  "net1.exe",
  "netsh.exe",
  "netstat.exe",
  "nltest.exe",
  "notepad.exe",
  "ntoskrnl.exe",
  "ping.exe",
  "reg.exe",
  "regsvr32.exe",
  "rundll32.exe",
  "sc.exe",
  "schtasks.exe",
  "SecurityHealthSystray.exe",
  "services.exe",
  "sethc.exe",
  "sihost.exe",
  "smss.exe",
  "spoolsv.exe",
  "svchost.exe",
  "taskhostw.exe",
  "taskkill.exe",
  "tasklist.exe",
  "userinit.exe",
  "utilman.exe",
  "vssadmin.exe",
  "wbadmin.exe",
  "wevtutil.exe",
  "whoami.exe",
  "wininit.exe",
  "winlogon.exe",
  "wmic.exe",
  "wscript.exe",
  "wsmprovhost.exe",
  "wuauclt.exe",
];
const DLLS = [
  "advapi32.dll",
  "bcrypt.dll",
  "cfgmgr32.dll",
  "ci.dll",
  "clbcatq.dll",
  "combase.dll",
  "comdlg32.dll",
  "crypt32.dll",
  "cryptbase.dll",
  "dbghelp.dll",
  "dnsapi.dll",
  "gdi32.dll",
  "gdi32full.dll",
  "imagehlp.dll",
  "imm32.dll",
  "kerberos.dll",
  "kernel32.dll",
  "KernelBase.dll",
  "lsasrv.dll",
  "msasn1.dll",
  "msctf.dll",
  "msv1_0.dll",
  "msvcrt.dll",
  "mswsock.dll",
  "netapi32.dll",
  "normaliz.dll",
  "nsi.dll",
  "ntdll.dll",
  "ntdsapi.dll",
  "ole32.dll",
  "oleaut32.dll",
  "psapi.dll",
  "rpcrt4.dll",
  "samlib.dll",
  "samsrv.dll",
  "schannel.dll",
  "sechost.dll",
  "secur32.dll",
  "setupapi.dll",
  "shcore.dll",
  "shell32.dll",
  "shlwapi.dll",
  "sspicli.dll",
  "user32.dll",
  "userenv.dll",
  "win32u.dll",
  "winhttp.dll",
  "wininet.dll",
  "wintrust.dll",
  "wldap32.dll",
  "ws2_32.dll",
  "wow64.dll",
  "wow64cpu.dll",
  "wow64win.dll",
];
const DRIVERS = [
  "afd.sys",
  "cng.sys",
  "disk.sys",
  "http.sys",
  "ndis.sys",
  "netvsc.sys",
  "ntfs.sys",
  "srv2.sys",
  "storvsc.sys",
  "tcpip.sys",
  "vmbus.sys",
  "win32k.sys",
  "win32kbase.sys",
  "win32kfull.sys",
  "WdFilter.sys",
];
const WINDIR = [
  "bfsvc.exe",
  "explorer.exe",
  "HelpPane.exe",
  "hh.exe",
  "notepad.exe",
  "regedit.exe",
  "splwow64.exe",
  "winhlp32.exe",
  "write.exe",
];

/** Files almost every cumulative update replaces, and files that hardly ever change. */
const HOT = new Set([
  "ntoskrnl.exe",
  "ntdll.dll",
  "kernel32.dll",
  "kernelbase.dll",
  "ci.dll",
  "win32kfull.sys",
  "win32kbase.sys",
  "win32k.sys",
  "tcpip.sys",
  "ntfs.sys",
  "lsasrv.dll",
  "msv1_0.dll",
  "kerberos.dll",
  "combase.dll",
  "rpcrt4.dll",
  "crypt32.dll",
  "schannel.dll",
  "http.sys",
  "samsrv.dll",
  "wdfilter.sys",
]);
const COLD = new Set([
  "notepad.exe",
  "write.exe",
  "winhlp32.exe",
  "hh.exe",
  "bfsvc.exe",
  "helppane.exe",
  "at.exe",
  "ping.exe",
  "whoami.exe",
  "findstr.exe",
]);

function touchPercent(name: string): number {
  const n = name.toLowerCase();
  if (HOT.has(n)) return 95;
  if (COLD.has(n)) return 4;
  if (n === "explorer.exe") return 60;
  if (n === "userinit.exe" || n === "regedit.exe") return 20;
  return 35;
}

/** The last cumulative update (≤ k) that shipped this file; -1 = the release (RTM) version. */
export function lastUpdateOf(release: string, path: string, k: number): number {
  const name = path.slice(path.lastIndexOf("\\") + 1);
  const pct = touchPercent(name);
  const h = hash32(release, path.toLowerCase());
  for (let w = k; w > k - 60 && w >= 0; w--) if (mix32(h, w) % 100 < pct) return w;
  return -1;
}

const RTM: Record<string, number> = { "2019": Date.UTC(2018, 10, 13), "2022": Date.UTC(2021, 7, 18) };

function baseSize(name: string): number {
  const h = hash32("winsize", name.toLowerCase());
  return Math.round(24_000 * 2 ** ((h % 650) / 100)) + (h % 512) * 8;
}

/** An OS binary at patch level k, installed on this machine at `installedAt`. */
export function osBinary(p: Profile, path: string, k: number, installedAt: number): Omit<FileNode, "name"> {
  const last = lastUpdateOf(p.release, path, k);
  const name = path.slice(path.lastIndexOf("\\") + 1);
  const released = last < 0 ? RTM[p.release] : cumulativeUpdateTime(last);
  return {
    type: "file",
    size: BigInt(baseSize(name) + (last < 0 ? 0 : (hash32(path.toLowerCase(), last) % 4096) * 8)),
    sha256: identityHash("windows", p.release, path.toLowerCase(), last),
    acls: ACL_SYSTEM,
    attributes: "Archive",
    inode: null,
    created: Math.max(p.installedAt, Math.min(installedAt, released + 3 * DAY_MS)),
    modified: last < 0 ? released : buildTime(released, `${p.release}:${last}`),
    pkg: "os",
    // Cumulative updates are named by their KB article; the simulated ones count up from a real-looking number.
    pkgVersion: last < 0 ? "RTM" : `KB${5_030_000 + last}`,
  };
}

/** Every path patched by cumulative updates on this machine. */
export function osBinaryPaths(p: Profile): string[] {
  const paths = [
    ...WINDIR.map((n) => `C:\\Windows\\${n}`),
    ...EXES.map((n) => `${S32}\\${n}`),
    ...DLLS.map((n) => `${S32}\\${n}`),
    ...DRIVERS.map((n) => `${S32}\\drivers\\${n}`),
    `${S32}\\WindowsPowerShell\\v1.0\\powershell.exe`,
    `${S32}\\WindowsPowerShell\\v1.0\\pwrshsip.dll`,
    "C:\\Windows\\SysWOW64\\kernel32.dll",
    "C:\\Windows\\SysWOW64\\ntdll.dll",
    "C:\\Windows\\SysWOW64\\WindowsPowerShell\\v1.0\\pwrshsip.dll",
  ];
  if (p.roles.has("iis")) paths.push(`${S32}\\inetsrv\\w3wp.exe`, `${S32}\\inetsrv\\appcmd.exe`, `${S32}\\inetsrv\\iiscore.dll`);
  if (p.roles.has("dc")) paths.push(`${S32}\\ntdsai.dll`, `${S32}\\dns.exe`, `${S32}\\kdcsvc.dll`);
  return paths;
}

/** Patch level at the epoch: rings install a few days (dev) to a few weeks (prod) after patch Tuesday. */
export const patchRingDays = (p: Profile, k: number) =>
  ["build", "test", "lab", "qa", "sbx", "dev"].some((r) => p.roles.has(r)) ? 1 + (hash32(p.seed, k) % 2) : 4 + (hash32(p.seed, k) % 6);

export function windowsTemplates(p: Profile): Map<string, TextTemplate> {
  const t = new Map<string, TextTemplate>([
    ["C:\\Windows\\win.ini", WINDOWS_TEMPLATES["win.ini"]],
    ["C:\\Windows\\system.ini", WINDOWS_TEMPLATES["system.ini"]],
    [`${S32}\\drivers\\etc\\hosts`, WINDOWS_TEMPLATES.hosts],
  ]);
  if (p.roles.has("iis")) {
    t.set(`${S32}\\inetsrv\\config\\applicationHost.config`, WINDOWS_TEMPLATES.applicationHost);
    t.set("C:\\inetpub\\wwwroot\\web.config", WINDOWS_TEMPLATES["web.config"]);
  }
  return t;
}

export interface WindowsBase {
  tree: FileTree;
  templates: ReadonlyMap<string, TextTemplate>;
  osPaths: readonly string[];
}

export function buildWindowsFiles(p: Profile): WindowsBase {
  const fs = new FileTree(true);
  const I = p.installedAt;
  const dir: Omit<FileNode, "name" | "type"> = {
    size: 0n,
    sha256: null,
    acls: ACL_SYSTEM,
    attributes: "Directory",
    inode: null,
    created: I,
    modified: I,
  };
  for (const d of ["C:\\Windows\\System32\\config", "C:\\Users\\Public\\Documents", "C:\\ProgramData", "C:\\Program Files (x86)"])
    fs.mkdirp(d, dir);
  const k = cumulativeUpdateIndex(SIM_EPOCH - patchRingDays(p, -1) * DAY_MS);
  fs.meta.set("cu", k);
  const osPaths = osBinaryPaths(p);
  for (const path of osPaths) fs.put(path, osBinary(p, path, k, cumulativeUpdateTime(k) + patchRingDays(p, k) * DAY_MS), dir);

  const templates = windowsTemplates(p);
  for (const [path, tpl] of templates) {
    const modified = /hosts|config/i.test(path) ? I + 2 * HOUR_MS : RTM[p.release];
    const text = renderTemplate(tpl);
    fs.put(
      path,
      { ...textNodeWin(text, /hosts|system\.ini|win\.ini/i.test(path) ? ACL_ADMIN : ACL_PROGRAM, I, modified), tpl: path, choices: [] },
      dir,
    );
  }
  if (p.roles.has("iis"))
    fs.put("C:\\inetpub\\wwwroot\\iisstart.htm", textNodeWin(WINDOWS_TEMPLATES.iisstart.lines.join("\r\n"), ACL_PROGRAM, I, I), dir);

  const program = (path: string, size: number, version: string) =>
    fs.put(
      path,
      {
        type: "file",
        size: BigInt(size),
        sha256: identityHash(path.toLowerCase(), version),
        acls: ACL_PROGRAM,
        attributes: "Archive",
        inode: null,
        created: I + HOUR_MS,
        modified: I - 40 * DAY_MS,
      },
      dir,
    );
  program("C:\\Program Files\\Windows Defender\\MpCmdRun.exe", 1_478_456, "4.18");
  program("C:\\Program Files\\Windows Defender\\MsMpEng.exe", 133_000, "4.18");
  if (p.cloud === "arc") program("C:\\Program Files\\Microsoft Security Client\\msseces.exe", 1_190_528, "4.10.209.0");
  if (p.roles.has("sql")) {
    const v = p.release === "2019" ? "MSSQL15" : "MSSQL16";
    program(`C:\\Program Files\\Microsoft SQL Server\\${v}.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe`, 491_520, v);
  }
  fs.mkdirp("C:\\Windows\\Temp", { ...dir, acls: ACL_ADMIN });
  return { tree: fs, templates, osPaths };
}

export function textNodeWin(text: string, acls: string, created: number, modified: number): Omit<FileNode, "name"> {
  // Windows text files are UTF-8/ANSI here; sizes and hashes come from the bytes, as for Linux files.
  const node = { type: "file" as const, text, acls, attributes: "Archive", inode: null, created, modified };
  return { ...node, size: BigInt(Buffer.byteLength(text)), sha256: sha256Hex(text) };
}
