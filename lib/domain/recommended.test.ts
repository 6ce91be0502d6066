import { describe, it, expect } from "vitest";
import {
  RECOMMENDED_ENTITIES,
  RECOMMENDED_GROUPS,
  RECOMMENDED_LINUX_FILES,
  RECOMMENDED_REGISTRY_KEYS,
  RECOMMENDED_WINDOWS_FILES,
} from "./recommended";
import { validateEntity } from "./paths";
import { normalizeRegistryKey } from "./registry";

// The walkthrough's table, column by column, as printed there.
const LINUX = `/bin/login /bin/passwd /etc/*.conf /usr/bin /usr/sbin /bin /sbin /boot /usr/local/bin /usr/local/sbin
/opt/bin /opt/sbin /etc/crontab /etc/init.d /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly`.split(/\s+/);

const WINDOWS = [
  "C:\\autoexec.bat",
  "C:\\boot.ini",
  "C:\\config.sys",
  "C:\\Windows\\system.ini",
  "C:\\Windows\\win.ini",
  "C:\\Windows\\regedit.exe",
  "C:\\Windows\\System32\\userinit.exe",
  "C:\\Windows\\explorer.exe",
  "C:\\Program Files\\Microsoft Security Client\\msseces.exe",
];

const REGISTRY =
  String.raw`HKLM\SOFTWARE\Microsoft\Cryptography\OID\EncodingType 0\CryptSIPDllRemoveSignedDataMsg\{C689AAB8-8E78-11D0-8C47-00C04FC295EE}
HKLM\SOFTWARE\Microsoft\Cryptography\OID\EncodingType 0\CryptSIPDllRemoveSignedDataMsg\{603BCC1F-4B59-4E08-B724-D2C6297EF351}
HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\IniFileMapping\SYSTEM.ini\boot
HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Windows
HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\Shell Folders
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\RunOnce
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\RunOnceEx
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\RunServices
HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\RunServicesOnce
HKLM\SOFTWARE\WOW6432Node\Microsoft\Cryptography\OID\EncodingType 0\CryptSIPDllRemoveSignedDataMsg\{C689AAB8-8E78-11D0-8C47-00C04FC295EE}
HKLM\SOFTWARE\WOW6432Node\Microsoft\Cryptography\OID\EncodingType 0\CryptSIPDllRemoveSignedDataMsg\{603BCC1F-4B59-4E08-B724-D2C6297EF351}
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows NT\CurrentVersion\IniFileMapping\system.ini\boot
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows NT\CurrentVersion\Windows
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows NT\CurrentVersion\Winlogon
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Explorer\Shell Folders
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Run
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\RunOnce
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\RunOnceEx
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\RunServices
HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\RunServicesOnce
HKLM\SYSTEM\CurrentControlSet\Control\hivelist
HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\KnownDLLs
HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile
HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile
HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile`.split("\n");

describe("recommended entities", () => {
  it("are exactly the walkthrough's table, in its order", () => {
    expect(RECOMMENDED_LINUX_FILES.map((e) => e.path)).toEqual(LINUX);
    expect(RECOMMENDED_WINDOWS_FILES.map((e) => e.path)).toEqual(WINDOWS);
    expect(RECOMMENDED_REGISTRY_KEYS.map((e) => normalizeRegistryKey(e.path, "short"))).toEqual(REGISTRY);
    expect([RECOMMENDED_LINUX_FILES.length, RECOMMENDED_WINDOWS_FILES.length, RECOMMENDED_REGISTRY_KEYS.length]).toEqual([18, 9, 29]);
    expect(RECOMMENDED_ENTITIES).toHaveLength(56);
  });

  it("store registry keys with the long hive name", () => {
    for (const e of RECOMMENDED_REGISTRY_KEYS) expect(e.path.startsWith("HKEY_LOCAL_MACHINE\\")).toBe(true);
  });

  it("all pass entity validation", () => {
    for (const e of RECOMMENDED_ENTITIES) expect([e.path, validateEntity(e)]).toEqual([e.path, { ok: true }]);
  });

  it("have unique item names and paths", () => {
    expect(new Set(RECOMMENDED_ENTITIES.map((e) => e.itemName)).size).toBe(56);
    expect(new Set(RECOMMENDED_ENTITIES.map((e) => `${e.kind}|${e.path}`)).size).toBe(56);
  });

  it("type single files, the wildcard rule and folders as decided", () => {
    const byPath = new Map(RECOMMENDED_ENTITIES.map((e) => [e.path, e]));
    expect(byPath.get("/bin/login")).toMatchObject({ kind: "LINUX_FILE", itemName: "login", pathType: "FILE", recursion: false });
    expect(byPath.get("/etc/*.conf")).toMatchObject({ itemName: "etc conf files", pathType: "FILE" });
    expect(byPath.get("/usr/bin")).toMatchObject({ pathType: "DIRECTORY", recursion: false, useSudo: true, links: "FOLLOW" });
    expect(byPath.get("C:\\boot.ini")).toMatchObject({ kind: "WINDOWS_FILE", pathType: "FILE", useSudo: false, links: null });
    expect(RECOMMENDED_REGISTRY_KEYS.find((e) => e.itemName === "Winlogon")).toMatchObject({
      kind: "WINDOWS_REGISTRY",
      pathType: null,
      valueName: "",
      links: null,
    });
    for (const e of RECOMMENDED_ENTITIES) expect(e.valueName).toBe("");
  });

  it("are grouped for the Enable screen as Windows files, Registry, Linux files", () => {
    expect(RECOMMENDED_GROUPS.map((g) => [g.group, g.entities.length])).toEqual([
      ["Windows files", 9],
      ["Registry", 29],
      ["Linux files", 18],
    ]);
    for (const g of RECOMMENDED_GROUPS) for (const e of g.entities) expect(e.group).toBe(g.group);
  });
});
