import { describe, expect, it } from "vitest";
import { diffInventories } from "@/lib/domain/diff";
import { simulateScan } from "./index";
import { scanServices } from "./scan-registry";
import { simulatedMachine } from "./machine";
import { API, AT, DC, entity, keys, WEB } from "./test-helpers";

const files = (m: typeof WEB, ...es: ReturnType<typeof entity>[]) => simulateScan(m, es, "Files", AT);

describe("file entities", () => {
  it("tracks an exact file, and nothing (no error) for a file that does not exist", () => {
    expect(keys(files(WEB, entity("LINUX_FILE", "/etc/passwd")).entries)).toEqual(["/etc/passwd"]);
    const absent = files(DC, entity("WINDOWS_FILE", "C:\\autoexec.bat"), entity("WINDOWS_FILE", "C:\\boot.ini"));
    expect(absent).toMatchObject({ entries: [], errors: [] });
  });

  it("matches a wildcard in the last segment only, without recursing unless asked", () => {
    const conf = keys(files(WEB, entity("LINUX_FILE", "/etc/*.conf")).entries);
    expect(conf).toContain("/etc/sysctl.conf");
    expect(conf.every((k) => /^\/etc\/[^/]+\.conf$/.test(k))).toBe(true);
    const deep = keys(files(WEB, entity("LINUX_FILE", "/etc/*.conf", { recursion: true })).entries);
    expect(deep).toContain("/etc/ssh/sshd_config.d/50-cloud-init.conf");
    expect(deep.length).toBeGreaterThan(conf.length);
    expect(keys(files(WEB, entity("LINUX_FILE", "/etc/cron.d/e2scrub_al?")).entries)).toEqual(["/etc/cron.d/e2scrub_all"]);
  });

  it("is case-insensitive on Windows, reports real letter case, and lets *.* match names without a dot", () => {
    const exe = keys(files(DC, entity("WINDOWS_FILE", "c:\\windows\\SYSTEM32\\USERINIT.EXE")).entries);
    expect(exe).toEqual(["C:\\Windows\\System32\\userinit.exe"]);
    const etc = keys(files(DC, entity("WINDOWS_FILE", "C:\\Windows\\System32\\drivers\\etc\\*.*")).entries);
    expect(etc).toContain("C:\\Windows\\System32\\drivers\\etc\\hosts");
    const dlls = keys(files(DC, entity("WINDOWS_FILE", "%windir%\\System32\\*.DLL")).entries);
    expect(dlls).toContain("C:\\Windows\\System32\\KernelBase.dll");
    expect(dlls.every((k) => k.toLowerCase().endsWith(".dll"))).toBe(true);
  });

  it("tracks the files of a folder, and its subfolders with Recursion", () => {
    const flat = keys(files(DC, entity("WINDOWS_FILE", "C:\\Windows\\System32", { pathType: "FOLDER" })).entries);
    expect(flat).toContain("C:\\Windows\\System32\\cmd.exe");
    expect(flat.some((k) => k.includes("\\drivers\\"))).toBe(false);
    const deep = keys(files(DC, entity("WINDOWS_FILE", "C:\\Windows\\System32", { pathType: "FOLDER", recursion: true })).entries);
    expect(deep).toContain("C:\\Windows\\System32\\drivers\\tcpip.sys");
    expect(deep).toContain("C:\\Windows\\System32\\drivers\\etc\\hosts");
    const boot = keys(files(WEB, entity("LINUX_FILE", "/boot", { pathType: "DIRECTORY", recursion: true })).entries);
    expect(boot).toContain("/boot/grub/grub.cfg");
  });

  it("reports a folder named as a file on the machine instead of guessing", () => {
    const scan = files(WEB, entity("LINUX_FILE", "/etc/cron.daily"));
    expect(scan.entries).toEqual([]);
    expect(scan.errors[0].message).toContain("set Path type to Directory");
  });

  it("expands %VARS% per machine; an undefined variable or an invalid expansion is an error on the machine", () => {
    const ok = files(
      DC,
      entity("WINDOWS_FILE", "%SystemRoot%\\win.ini"),
      entity("WINDOWS_FILE", "%ProgramFiles%\\Windows Defender\\*.exe"),
    );
    expect(keys(ok.entries)).toEqual([
      "C:\\Windows\\win.ini",
      "C:\\Program Files\\Windows Defender\\MpCmdRun.exe",
      "C:\\Program Files\\Windows Defender\\MsMpEng.exe",
    ]);
    const unknown = entity("WINDOWS_FILE", "%AppLogs%\\*.log");
    const invalid = entity("WINDOWS_FILE", "%PATHEXT%\\tool.exe");
    const bad = files(DC, unknown, invalid, entity("WINDOWS_FILE", "%windir%\\regedit.exe"));
    expect(keys(bad.entries)).toEqual(["C:\\Windows\\regedit.exe"]);
    expect(bad.errors).toEqual([
      { entityId: unknown.id, path: unknown.path, message: expect.stringContaining("%AppLogs% is not defined on this machine") },
      { entityId: invalid.id, path: invalid.path, message: expect.stringContaining("is not a valid path") },
    ]);
  });

  it("follows, ignores or manages symbolic links as the Links setting says", () => {
    const follow = files(WEB, entity("LINUX_FILE", "/bin", { pathType: "DIRECTORY", links: "FOLLOW" })).entries;
    expect(keys(follow)).toContain("/bin/ls");
    const awk = follow.find((e) => e.itemKey === "/bin/awk")!;
    expect(awk.attributes).toBe("file (via symlink -> /etc/alternatives/awk)");
    expect(files(WEB, entity("LINUX_FILE", "/bin", { pathType: "DIRECTORY", links: "IGNORE" })).entries).toEqual([]);
    const ignoreInside = keys(files(WEB, entity("LINUX_FILE", "/usr/bin", { pathType: "DIRECTORY", links: "IGNORE" })).entries);
    expect(ignoreInside).toContain("/usr/bin/mawk");
    expect(ignoreInside).not.toContain("/usr/bin/awk");
    const managed = files(WEB, entity("LINUX_FILE", "/etc/resolv.conf", { links: "MANAGE" })).entries[0];
    expect(managed).toMatchObject({
      itemKey: "/etc/resolv.conf",
      attributes: "symlink -> ../run/systemd/resolve/stub-resolv.conf",
      acls: "lrwxrwxrwx uid=0 gid=0",
      sha256: null,
    });
  });

  it("gives an item matched by two entities to the first, uploading content if either asks", () => {
    const a = entity("LINUX_FILE", "/etc/*.conf");
    const b = entity("FILE_CONTENT", "/etc/sysctl.conf");
    const scan = files(WEB, a, b);
    const sysctl = scan.entries.filter((e) => e.itemKey === "/etc/sysctl.conf");
    expect(sysctl).toHaveLength(1);
    expect(sysctl[0].entityId).toBe(a.id);
    expect(scan.contents.has(sysctl[0].contentSha256!)).toBe(true);
    expect(scan.entries.every((e) => e.entityId === a.id || e.entityId === b.id)).toBe(true);
  });

  it("stops at 500 files a machine and says so", () => {
    // A path as general as / is refused by validation; the scanner still has to survive one.
    const everything = entity("LINUX_FILE", "/", { pathType: "DIRECTORY", recursion: true });
    const later = entity("LINUX_FILE", "/etc/passwd");
    const scan = files(API, entity("LINUX_FILE", "/etc/*.conf"), everything, later);
    expect(scan.entries).toHaveLength(500);
    expect(scan.entries.filter((e) => e.itemKey.endsWith(".conf") && e.itemKey.split("/").length === 3).length).toBeGreaterThan(20);
    expect(scan.errors).toEqual([{ entityId: everything.id, path: "/", message: expect.stringContaining("limit of 500 files") }]);
  });
});

describe("registry entities", () => {
  const run = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
  const reg = (...es: ReturnType<typeof entity>[]) => simulateScan(DC, es, "Registry", AT);

  it("tracks one value by name, or the whole key (the key and its values)", () => {
    const one = reg(entity("WINDOWS_REGISTRY", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", { valueName: "securityhealth" }));
    expect(keys(one.entries)).toEqual([`${run}\\SecurityHealth`]);
    const whole = reg(entity("WINDOWS_REGISTRY", run));
    expect(keys(whole.entries)).toEqual([run, `${run}\\SecurityHealth`]);
    expect(reg(entity("WINDOWS_REGISTRY", run, { valueName: "NoSuchValue" })).entries).toEqual([]);
  });

  it("includes subkeys with Recursion", () => {
    const fw = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile";
    expect(keys(reg(entity("WINDOWS_REGISTRY", fw)).entries)).not.toContain(`${fw}\\Logging\\LogFilePath`);
    expect(keys(reg(entity("WINDOWS_REGISTRY", fw, { recursion: true })).entries)).toContain(`${fw}\\Logging\\LogFilePath`);
  });

  it("uses diffInventories' target as the item key, so records and inventory agree", () => {
    const entries = reg(entity("WINDOWS_REGISTRY", run)).entries;
    const added = diffInventories([], entries);
    expect(added.map((c) => c.target)).toEqual(keys(entries));
    expect(added[1]).toMatchObject({ hive: "HKEY_LOCAL_MACHINE", registryKey: run, valueName: "SecurityHealth", name: "SecurityHealth" });
  });

  it("stops at 250 registry items a machine", () => {
    const scan = reg(entity("WINDOWS_REGISTRY", "HKLM", { recursion: true }));
    expect(scan.entries).toHaveLength(250);
    expect(scan.errors[0].message).toContain("limit of 250 registry items");
  });
});

describe("service entities", () => {
  it("tracks services by name (case-insensitive) or by wildcard", () => {
    const one = simulateScan(DC, [entity("WINDOWS_SERVICE", "WUAUSERV")], "WindowsServices", AT).entries;
    expect(one).toEqual([expect.objectContaining({ itemKey: "wuauserv", svcName: "wuauserv", svcDisplayName: "Windows Update" })]);
    const sql = keys(simulateScan(DC, [entity("WINDOWS_SERVICE", "Win*")], "WindowsServices", AT).entries);
    expect(sql).toEqual(expect.arrayContaining(["WinDefend", "WinHttpAutoProxySvc", "Winmgmt", "WinRM"]));
    expect(simulateScan(DC, [entity("WINDOWS_SERVICE", "MSSQLSERVER")], "WindowsServices", AT).entries).toEqual([]);
  });

  it("stops at the services limit", () => {
    const table = simulatedMachine(DC).cursor("WindowsServices").moveTo(AT.getTime());
    const all = entity("WINDOWS_SERVICE", "*");
    const scan = scanServices(table, [all], 10);
    expect(scan.entries).toHaveLength(10);
    expect(scan.errors).toEqual([{ entityId: all.id, path: "*", message: expect.stringContaining("limit of 10 services") }]);
  });
});
