// Defender for Cloud's recommended FIM entities: exactly the walkthrough's table (18 Linux files, 9 Windows files,
// 29 registry keys), in the table's order, as tracked-entity drafts the Enable screen offers with checkboxes.
//
// Choices the table leaves open:
// - /etc/*.conf is a FILE rule with a wildcard: the walkthrough's own example of tracking several files.
// - Single files (/bin/login, /etc/crontab, C:\boot.ini ...) are FILE without recursion.
// - Binary and cron folders (/usr/bin, /etc/cron.daily ...) are DIRECTORY without recursion: their files sit
//   directly inside (so a new binary dropped there is detected), and recursing /boot or /usr/local/bin subtrees
//   would spend the 500-files-a-machine budget on firmware and module files. Add subfolders explicitly if needed.
// - Linux entries use sudo: /boot/vmlinuz-* and /boot/System.map-* are root-only (0600) on Debian/Ubuntu and an
//   unreadable file would silently go unhashed.
// - Links FOLLOW: on merged-/usr distributions /bin and /sbin are symlinks to /usr/bin and /usr/sbin; ignoring
//   links would track nothing there, and managing them would track the link instead of the binaries.
// - Registry keys are stored with the long hive name (as ConfigurationChange reports them), value name "" = whole key.
import { normalizeRegistryKey } from "./registry";
import type { EntityKind, LinksMode, PathType } from "./types";

export type RecommendedGroup = "Windows files" | "Registry" | "Linux files";

export interface RecommendedEntity {
  kind: EntityKind;
  itemName: string;
  group: RecommendedGroup;
  path: string;
  pathType: PathType | null;
  recursion: boolean;
  useSudo: boolean;
  links: LinksMode | null;
  valueName: "";
}

const linuxFile = (itemName: string, path: string): RecommendedEntity => ({
  kind: "LINUX_FILE",
  itemName,
  group: "Linux files",
  path,
  pathType: "FILE",
  recursion: false,
  useSudo: true,
  links: "FOLLOW",
  valueName: "",
});

const linuxDir = (itemName: string, path: string): RecommendedEntity => ({
  ...linuxFile(itemName, path),
  pathType: "DIRECTORY",
});

const windowsFile = (itemName: string, path: string): RecommendedEntity => ({
  kind: "WINDOWS_FILE",
  itemName,
  group: "Windows files",
  path,
  pathType: "FILE",
  recursion: false,
  useSudo: false,
  links: null,
  valueName: "",
});

// Written as in the walkthrough (HKLM\...) so the list can be checked against it, stored in long form.
const registryKey = (itemName: string, key: string): RecommendedEntity => ({
  kind: "WINDOWS_REGISTRY",
  itemName,
  group: "Registry",
  path: normalizeRegistryKey(key, "long"),
  pathType: null,
  recursion: false,
  useSudo: false,
  links: null,
  valueName: "",
});

export const RECOMMENDED_LINUX_FILES: readonly RecommendedEntity[] = [
  linuxFile("login", "/bin/login"),
  linuxFile("passwd", "/bin/passwd"),
  linuxFile("etc conf files", "/etc/*.conf"),
  linuxDir("usr bin", "/usr/bin"),
  linuxDir("usr sbin", "/usr/sbin"),
  linuxDir("bin", "/bin"),
  linuxDir("sbin", "/sbin"),
  linuxDir("boot", "/boot"),
  linuxDir("usr local bin", "/usr/local/bin"),
  linuxDir("usr local sbin", "/usr/local/sbin"),
  linuxDir("opt bin", "/opt/bin"),
  linuxDir("opt sbin", "/opt/sbin"),
  linuxFile("crontab", "/etc/crontab"),
  linuxDir("init.d", "/etc/init.d"),
  linuxDir("cron.hourly", "/etc/cron.hourly"),
  linuxDir("cron.daily", "/etc/cron.daily"),
  linuxDir("cron.weekly", "/etc/cron.weekly"),
  linuxDir("cron.monthly", "/etc/cron.monthly"),
];

export const RECOMMENDED_WINDOWS_FILES: readonly RecommendedEntity[] = [
  windowsFile("autoexec.bat", "C:\\autoexec.bat"),
  windowsFile("boot.ini", "C:\\boot.ini"),
  windowsFile("config.sys", "C:\\config.sys"),
  windowsFile("system.ini", "C:\\Windows\\system.ini"),
  windowsFile("win.ini", "C:\\Windows\\win.ini"),
  windowsFile("regedit.exe", "C:\\Windows\\regedit.exe"),
  windowsFile("userinit.exe", "C:\\Windows\\System32\\userinit.exe"),
  windowsFile("explorer.exe", "C:\\Windows\\explorer.exe"),
  windowsFile("msseces.exe", "C:\\Program Files\\Microsoft Security Client\\msseces.exe"),
];

const SIP = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\OID\\EncodingType 0\\CryptSIPDllRemoveSignedDataMsg";
const SIP_WOW = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Cryptography\\OID\\EncodingType 0\\CryptSIPDllRemoveSignedDataMsg";
const NT = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
const NT_WOW = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows NT\\CurrentVersion";
const CV = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion";
const CV_WOW = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion";
const FW = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy";

export const RECOMMENDED_REGISTRY_KEYS: readonly RecommendedEntity[] = [
  registryKey("SIP RemoveSignedDataMsg {C689AAB8}", `${SIP}\\{C689AAB8-8E78-11D0-8C47-00C04FC295EE}`),
  registryKey("SIP RemoveSignedDataMsg {603BCC1F}", `${SIP}\\{603BCC1F-4B59-4E08-B724-D2C6297EF351}`),
  registryKey("IniFileMapping system.ini boot", `${NT}\\IniFileMapping\\SYSTEM.ini\\boot`),
  registryKey("Windows NT Windows", `${NT}\\Windows`),
  registryKey("Winlogon", `${NT}\\Winlogon`),
  registryKey("Shell Folders", `${CV}\\Explorer\\Shell Folders`),
  registryKey("User Shell Folders", `${CV}\\Explorer\\User Shell Folders`),
  registryKey("Run", `${CV}\\Run`),
  registryKey("RunOnce", `${CV}\\RunOnce`),
  registryKey("RunOnceEx", `${CV}\\RunOnceEx`),
  registryKey("RunServices", `${CV}\\RunServices`),
  registryKey("RunServicesOnce", `${CV}\\RunServicesOnce`),
  registryKey("WOW64 SIP RemoveSignedDataMsg {C689AAB8}", `${SIP_WOW}\\{C689AAB8-8E78-11D0-8C47-00C04FC295EE}`),
  registryKey("WOW64 SIP RemoveSignedDataMsg {603BCC1F}", `${SIP_WOW}\\{603BCC1F-4B59-4E08-B724-D2C6297EF351}`),
  registryKey("WOW64 IniFileMapping system.ini boot", `${NT_WOW}\\IniFileMapping\\system.ini\\boot`),
  registryKey("WOW64 Windows NT Windows", `${NT_WOW}\\Windows`),
  registryKey("WOW64 Winlogon", `${NT_WOW}\\Winlogon`),
  registryKey("WOW64 Shell Folders", `${CV_WOW}\\Explorer\\Shell Folders`),
  registryKey("WOW64 User Shell Folders", `${CV_WOW}\\Explorer\\User Shell Folders`),
  registryKey("WOW64 Run", `${CV_WOW}\\Run`),
  registryKey("WOW64 RunOnce", `${CV_WOW}\\RunOnce`),
  registryKey("WOW64 RunOnceEx", `${CV_WOW}\\RunOnceEx`),
  registryKey("WOW64 RunServices", `${CV_WOW}\\RunServices`),
  registryKey("WOW64 RunServicesOnce", `${CV_WOW}\\RunServicesOnce`),
  registryKey("hivelist", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\hivelist"),
  registryKey("KnownDLLs", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\KnownDLLs"),
  registryKey("Firewall DomainProfile", `${FW}\\DomainProfile`),
  registryKey("Firewall PublicProfile", `${FW}\\PublicProfile`),
  registryKey("Firewall StandardProfile", `${FW}\\StandardProfile`),
];

/** All recommended entities in the table's column order: Linux files, Windows files, registry keys. */
export const RECOMMENDED_ENTITIES: readonly RecommendedEntity[] = [
  ...RECOMMENDED_LINUX_FILES,
  ...RECOMMENDED_WINDOWS_FILES,
  ...RECOMMENDED_REGISTRY_KEYS,
];

/** The Enable screen's expandable sections, in the walkthrough's order ("Expand Windows files, Registry, and Linux files"). */
export const RECOMMENDED_GROUPS: readonly { group: RecommendedGroup; entities: readonly RecommendedEntity[] }[] = [
  { group: "Windows files", entities: RECOMMENDED_WINDOWS_FILES },
  { group: "Registry", entities: RECOMMENDED_REGISTRY_KEYS },
  { group: "Linux files", entities: RECOMMENDED_LINUX_FILES },
];

/** A stable id for one recommended entity, used by the Enable screen's checkboxes and its request. */
export const recommendedKey = (e: Pick<RecommendedEntity, "kind" | "path">): string => `${e.kind}:${e.path}`;

export const RECOMMENDED_KEYS: readonly string[] = RECOMMENDED_ENTITIES.map(recommendedKey);
