import { describe, expect, it } from "vitest";
import { RECOMMENDED_SIM_ENTITIES } from "./fleet-fixture";
import { simulateScan } from "./index";
import { API, AT, byKey, DC, entity, IIS, keys, machine, SQL, WEB } from "./test-helpers";

const files = (m: typeof WEB) => byKey(simulateScan(m, RECOMMENDED_SIM_ENTITIES, "Files", AT).entries);
const services = (m: typeof DC) => byKey(simulateScan(m, [entity("WINDOWS_SERVICE", "*")], "WindowsServices", AT).entries);

describe("a Linux machine", () => {
  it("has merged /usr: /bin and /sbin entries mirror /usr/bin and /usr/sbin, each a file with an ls-style ACL", () => {
    const f = files(WEB);
    expect(f.get("/bin/login")?.sha256).toBe(f.get("/usr/bin/login")?.sha256);
    expect(f.get("/bin/passwd")?.acls).toBe("-rwsr-xr-x uid=0 gid=0");
    expect(f.get("/sbin/sshd")?.acls).toMatch(/^-rwx/);
    expect(f.get("/usr/bin/ls")).toMatchObject({ attributes: "file", inode: expect.any(BigInt), size: expect.any(BigInt) });
    expect(f.get("/usr/bin/ls")?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(f.size).toBeLessThan(500);
    expect(f.size).toBeGreaterThan(300);
  });

  it("has realistic /etc/*.conf (no recursion into /etc/ssh), crontab, cron and init folders, and /boot kernels", () => {
    const f = files(WEB);
    for (const conf of [
      "sysctl.conf",
      "resolv.conf",
      "nsswitch.conf",
      "ld.so.conf",
      "rsyslog.conf",
      "sudo.conf",
      "logrotate.conf",
      "adduser.conf",
    ])
      expect(f.has(`/etc/${conf}`)).toBe(true);
    expect([...f.keys()].some((k) => k.startsWith("/etc/ssh/"))).toBe(false);
    expect(f.get("/etc/resolv.conf")?.attributes).toBe("file (via symlink -> ../run/systemd/resolve/stub-resolv.conf)");
    expect(f.has("/etc/crontab")).toBe(true);
    expect(f.has("/etc/cron.daily/apt-compat")).toBe(true);
    expect(f.has("/etc/init.d/ssh")).toBe(true);
    expect([...f.keys()].filter((k) => /^\/boot\/vmlinuz-\d/.test(k))).toHaveLength(2);
    expect([...f.keys()].filter((k) => /^\/boot\/initrd\.img-\d/.test(k))).toHaveLength(2);
    expect([...f.keys()].some((k) => k.includes("yum") || k.includes("dnf"))).toBe(false);
  });

  it("differs on RHEL: dnf and yum.conf, /etc/init.d linked to rc.d, initramfs, three kernels", () => {
    const f = files(API);
    expect(f.has("/etc/yum.conf")).toBe(true);
    expect(f.get("/etc/yum.conf")?.attributes).toBe("file (via symlink -> dnf/dnf.conf)");
    expect(f.has("/etc/chrony.conf")).toBe(true);
    expect(f.has("/etc/adduser.conf")).toBe(false);
    expect(f.has("/usr/bin/dnf-3") || f.has("/bin/dnf-3")).toBe(true);
    expect(f.has("/etc/init.d/functions")).toBe(true);
    expect([...f.keys()].filter((k) => /^\/boot\/initramfs-\d+\.\d+.*\.img$/.test(k))).toHaveLength(3);
    expect([...f.keys()].some((k) => k.startsWith("/usr/bin/apt"))).toBe(false);
  });

  it("serves real text for sshd_config and crontab when their content is uploaded", () => {
    const es = [entity("LINUX_FILE", "/etc/ssh/sshd_config", { uploadContent: true }), entity("FILE_CONTENT", "/etc/crontab")];
    const scan = simulateScan(WEB, es, "Files", AT);
    const sshd = scan.entries.find((e) => e.itemKey === "/etc/ssh/sshd_config")!;
    const text = new TextDecoder().decode(scan.contents.get(sshd.contentSha256!));
    expect(text).toContain("UsePAM yes");
    expect(sshd.contentSha256).toBe(sshd.sha256);
    expect(Number(sshd.size)).toBe(Buffer.byteLength(text));
    const crontab = scan.entries.find((e) => e.itemKey === "/etc/crontab")!;
    expect(new TextDecoder().decode(scan.contents.get(crontab.contentSha256!))).toContain("run-parts --report /etc/cron.hourly");
  });

  it("has /opt/bin only on a couple of machines", () => {
    const kafka = machine("kafka-eus-01", "LINUX", "Red Hat Enterprise Linux 8.10");
    expect(keys(simulateScan(kafka, RECOMMENDED_SIM_ENTITIES, "Files", AT).entries).some((k) => k.startsWith("/opt/bin/kafka-"))).toBe(
      true,
    );
    expect(keys(simulateScan(WEB, RECOMMENDED_SIM_ENTITIES, "Files", AT).entries).some((k) => k.startsWith("/opt/"))).toBe(false);
  });
});

describe("a Windows machine", () => {
  it("has the recommended files that exist on modern Windows, with Windows attributes and ACLs", () => {
    const f = files(DC);
    expect([...f.keys()].sort()).toEqual(
      [
        "C:\\Windows\\explorer.exe",
        "C:\\Windows\\regedit.exe",
        "C:\\Windows\\system.ini",
        "C:\\Windows\\System32\\userinit.exe",
        "C:\\Windows\\win.ini",
      ].sort(),
    );
    expect(f.get("C:\\Windows\\explorer.exe")).toMatchObject({
      attributes: "Archive",
      inode: null,
      acls: expect.stringContaining("NT SERVICE\\TrustedInstaller:(F)"),
    });
    const arc = machine("fs-onprem-01", "WINDOWS", "Windows Server 2019 Datacenter");
    expect(files(arc).has("C:\\Program Files\\Microsoft Security Client\\msseces.exe")).toBe(true);
  });

  it("has the recommended registry keys with realistic values (absent legacy keys have no items)", () => {
    const r = byKey(simulateScan(DC, RECOMMENDED_SIM_ENTITIES, "Registry", AT).entries);
    const run = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
    expect(r.get(`${run}\\SecurityHealth`)).toMatchObject({ registryKey: run, valueName: "SecurityHealth", valueType: "REG_EXPAND_SZ" });
    expect(r.get(run)).toMatchObject({ valueName: null, valueType: null });
    const winlogon = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    expect(r.get(`${winlogon}\\Userinit`)?.valueData).toBe("C:\\Windows\\system32\\userinit.exe,");
    expect(r.get(`${winlogon}\\Shell`)?.valueData).toBe("explorer.exe");
    expect(r.get("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\KnownDLLs\\kernel32")?.valueData).toBe(
      "kernel32.dll",
    );
    expect(
      r.get(
        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile\\EnableFirewall",
      ),
    ).toMatchObject({ valueType: "REG_DWORD", valueData: "1" });
    expect([...r.keys()].some((k) => k.includes("RunServices"))).toBe(false);
    expect(r.size).toBeLessThan(250);
  });

  it("runs about forty services, with role services only where the role is", () => {
    const dc = services(DC);
    expect(dc.size).toBeGreaterThanOrEqual(38);
    expect(dc.get("NTDS")?.svcState).toBe("Running");
    expect(dc.get("Spooler")).toMatchObject({ svcStartupType: "Disabled", svcState: "Stopped" });
    expect(dc.has("W3SVC")).toBe(false);
    expect(services(IIS).get("W3SVC")).toMatchObject({ svcStartupType: "Auto", svcAccount: "LocalSystem" });
    expect(services(SQL).get("MSSQLSERVER")).toMatchObject({
      svcAccount: "NT Service\\MSSQLSERVER",
      svcPath: expect.stringContaining("MSSQL15"),
    });
    expect(dc.get("WinDefend")?.svcPath).toMatch(/Platform\\4\.18\.\d+\.\d+-0\\MsMpEng\.exe/);
    expect(dc.get("wuauserv")).toMatchObject({ svcDisplayName: "Windows Update", svcStartupType: "Manual" });
  });

  it("reports nothing for Linux entities, and Linux machines report no registry or services", () => {
    expect(simulateScan(DC, [entity("LINUX_FILE", "/etc/passwd")], "Files", AT).entries).toEqual([]);
    expect(simulateScan(WEB, RECOMMENDED_SIM_ENTITIES, "Registry", AT).entries).toEqual([]);
    expect(simulateScan(WEB, [entity("WINDOWS_SERVICE", "*")], "WindowsServices", AT).entries).toEqual([]);
  });
});
