import { describe, it, expect } from "vitest";
import {
  MAX_FILES_PER_MACHINE,
  MAX_REGISTRY_KEYS_PER_MACHINE,
  MAX_SERVICES_PER_MACHINE,
  MAX_UPLOAD_CONTENT_BYTES,
  canonicalPath,
  expandWindowsPath,
  isUploadableSize,
  linuxPathErrors,
  validateEntity,
  validateFrequency,
  validateLinuxPath,
  validateServiceName,
  validateWindowsPath,
  windowsPathErrors,
} from "./paths";
import type { EntityDraft, ValidationResult } from "./types";

const msg = (errors: { message: string }[]) => errors.map((e) => e.message).join(" | ");
const errorsOf = (r: ValidationResult) => (r.ok ? [] : r.errors);

describe("limits", () => {
  it("match the reference facts", () => {
    expect(MAX_FILES_PER_MACHINE).toBe(500);
    expect(MAX_REGISTRY_KEYS_PER_MACHINE).toBe(250);
    expect(MAX_SERVICES_PER_MACHINE).toBe(250);
    expect(MAX_UPLOAD_CONTENT_BYTES).toBe(5 * 1024 * 1024);
    expect(isUploadableSize(5 * 1024 * 1024)).toBe(true);
    expect(isUploadableSize(5n * 1024n * 1024n + 1n)).toBe(false);
  });
});

describe("Linux paths", () => {
  it("accepts absolute paths, folders and a wildcard in the last segment", () => {
    for (const p of ["/etc/passwd", "/usr/bin", "/etc/*.conf", "/etc/cron.?aily", "/*.conf", "/opt/my app/x.ini"]) {
      expect(validateLinuxPath(p)).toEqual({ ok: true });
    }
  });

  it("requires an absolute path and points Windows paths to the right tab", () => {
    expect(msg(linuxPathErrors("etc/passwd"))).toMatch(/must be absolute.*\/etc\/etc\/passwd/);
    expect(msg(linuxPathErrors("C:\\Windows"))).toMatch(/looks like a Windows path/);
    expect(msg(linuxPathErrors(""))).toMatch(/Enter a path/);
    expect(msg(linuxPathErrors("/etc\\passwd"))).toMatch(/Replace it with \//);
  });

  it("allows wildcards only in the last segment and says so", () => {
    expect(msg(linuxPathErrors("/etc/*/passwd"))).toMatch(/only in the last segment.*\/etc\/\*\.conf.*"\*" is a folder segment/);
    expect(msg(linuxPathErrors("/home/*/.ssh/authorized_keys"))).toMatch(/only in the last segment/);
  });

  it("refuses paths that would traverse the whole file system, with the reason", () => {
    for (const p of ["/", "/*", "/**", "/*.*", "/?"]) {
      expect(msg(linuxPathErrors(p))).toMatch(/too general: it would traverse the whole file system/);
    }
    expect(msg(linuxPathErrors("/*.conf", { recursion: true }))).toMatch(/too general/);
    expect(linuxPathErrors("/etc/*")).toEqual([]);
  });

  it("refuses empty, relative and trailing segments", () => {
    expect(msg(linuxPathErrors("/etc//passwd"))).toMatch(/empty segment/);
    expect(msg(linuxPathErrors("/etc/../passwd"))).toMatch(/without "\." or "\.\."/);
    expect(msg(linuxPathErrors("/etc/"))).toMatch(/trailing \//);
    expect(msg(linuxPathErrors("/etc/pass\nwd"))).toMatch(/control character/);
    expect(msg(linuxPathErrors(" /etc/passwd"))).toMatch(/spaces/);
  });

  it("explains that a FILE path without wildcard is one file when recursion is asked for", () => {
    const errors = linuxPathErrors("/etc/passwd", { pathType: "FILE", recursion: true });
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("recursion");
    expect(errors[0].message).toMatch(/names exactly one file; a wildcard in the last segment is required to track several files/);
    expect(linuxPathErrors("/etc/*.conf", { pathType: "FILE", recursion: true })).toEqual([]);
    expect(linuxPathErrors("/etc", { pathType: "DIRECTORY", recursion: true })).toEqual([]);
  });
});

describe("Windows paths", () => {
  it("accepts drive letters and environment variables in any case", () => {
    for (const p of [
      "C:\\Windows\\win.ini",
      "d:\\app\\*.config",
      "%windir%\\System32\\*.*",
      "%WinDir%\\regedit.exe",
      "%SYSTEMROOT%\\System32\\drivers\\etc\\hosts",
      "%ProgramFiles%\\App\\app.exe",
      "%ProgramFiles(x86)%\\App\\*.dll",
      "%ProgramData%\\Microsoft",
      "%SystemDrive%\\boot.ini",
      "%windir%",
    ]) {
      expect(validateWindowsPath(p)).toEqual({ ok: true });
    }
  });

  it("requires a drive letter or environment variable at the start", () => {
    expect(msg(windowsPathErrors("Windows\\win.ini"))).toMatch(/must start with a drive letter.*%ProgramFiles\(x86\)%/);
    expect(msg(windowsPathErrors("C:Windows"))).toMatch(/backslash after the drive letter: C:\\Windows/);
    expect(msg(windowsPathErrors("%windir%System32"))).toMatch(/backslash after %windir%/);
    expect(msg(windowsPathErrors("%%\\x"))).toMatch(/not a valid environment variable/);
    expect(msg(windowsPathErrors("\\\\server\\share\\x.ini"))).toMatch(/UNC/);
    expect(msg(windowsPathErrors("/etc/passwd"))).toMatch(/backslashes/);
  });

  it("refuses forward slashes and invalid characters", () => {
    expect(msg(windowsPathErrors("C:/Windows/win.ini"))).toMatch(/backslashes \(\\\) between names, not slashes/);
    expect(msg(windowsPathErrors("C:\\a<b>\\c"))).toMatch(/cannot contain < >/);
    expect(msg(windowsPathErrors("C:\\a\\b|c"))).toMatch(/cannot contain \|/);
    expect(msg(windowsPathErrors('C:\\a\\"b"'))).toMatch(/cannot contain "/);
    expect(msg(windowsPathErrors("C:\\a\\file.txt:stream"))).toMatch(/":" is allowed only after the drive letter/);
  });

  it("allows wildcards only in the last segment", () => {
    expect(msg(windowsPathErrors("C:\\Users\\*\\ntuser.dat"))).toMatch(/only in the last segment.*C:\\folder\\\*\.ini/);
  });

  it("refuses paths that would traverse a whole drive", () => {
    for (const p of ["C:\\", "C:", "C:\\*", "C:\\*.*", "c:\\*.*", "%SystemDrive%\\*.*", "%systemdrive%", "%SystemDrive%\\"]) {
      expect(msg(windowsPathErrors(p))).toMatch(/too general: it would traverse the whole drive/);
    }
    expect(msg(windowsPathErrors("C:\\*.ini", { recursion: true }))).toMatch(/too general/);
    expect(windowsPathErrors("C:\\*.ini")).toEqual([]);
    expect(windowsPathErrors("%windir%\\*.*")).toEqual([]);
  });

  it("refuses empty and trailing segments", () => {
    expect(msg(windowsPathErrors("C:\\Windows\\\\win.ini"))).toMatch(/empty segment/);
    expect(msg(windowsPathErrors("C:\\Windows\\"))).toMatch(/trailing \\/);
  });

  it("explains the several-files rule for FILE + recursion without wildcard", () => {
    const errors = windowsPathErrors("C:\\Windows\\win.ini", { pathType: "FILE", recursion: true });
    expect(errors[0]).toMatchObject({ field: "recursion" });
    expect(errors[0].message).toMatch(/wildcard in the last segment is required to track several files/);
  });
});

describe("expandWindowsPath", () => {
  const env = { WINDIR: "C:\\Windows", SystemDrive: "C:", ProgramFiles: "C:\\Program Files", BAD: "Windows", ROOT: "D:\\" };

  it("expands variables case-insensitively", () => {
    expect(expandWindowsPath("%windir%\\System32\\*.dll", env)).toEqual({ ok: true, path: "C:\\Windows\\System32\\*.dll" });
    expect(expandWindowsPath("%SYSTEMDRIVE%\\boot.ini", env)).toEqual({ ok: true, path: "C:\\boot.ini" });
    expect(expandWindowsPath("C:\\plain.ini", env)).toEqual({ ok: true, path: "C:\\plain.ini" });
  });

  it("passes save-time validation but fails here for an unknown variable", () => {
    expect(validateWindowsPath("%MyAppHome%\\app.ini")).toEqual({ ok: true });
    const r = expandWindowsPath("%MyAppHome%\\app.ini", env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/%MyAppHome% is not defined on this machine/);
  });

  it("fails when the expanded path is invalid or too general", () => {
    const bad = expandWindowsPath("%BAD%\\win.ini", env);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/%BAD% expands "%BAD%\\win.ini" to "Windows\\win.ini", which is not a valid path/);
    const general = expandWindowsPath("%ROOT%*.*", env);
    expect(general.ok).toBe(false);
    if (!general.ok) expect(general.error).toMatch(/too general/);
  });
});

describe("services and frequency", () => {
  it("validates service names", () => {
    expect(validateServiceName("wuauserv")).toEqual({ ok: true });
    expect(validateServiceName("MSSQL$SQLEXPRESS")).toEqual({ ok: true });
    expect(msg(errorsOf(validateServiceName("")))).toMatch(/Enter the service name/);
    expect(msg(errorsOf(validateServiceName("C:\\svc.exe")))).toMatch(/cannot contain \/ or \\/);
    expect(validateServiceName("a".repeat(256)).ok).toBe(true);
    expect(msg(errorsOf(validateServiceName("a".repeat(257))))).toMatch(/at most 256/);
  });

  it("accepts 10 to 1800 whole seconds", () => {
    expect(validateFrequency(10)).toEqual({ ok: true });
    expect(validateFrequency(1800)).toEqual({ ok: true });
    for (const bad of [9, 1801, 30.5, Number.NaN]) {
      expect(errorsOf(validateFrequency(bad))[0]).toMatchObject({ field: "frequencySec" });
    }
  });
});

describe("validateEntity", () => {
  const fields = (d: EntityDraft) => errorsOf(validateEntity(d)).map((e) => e.field);

  it("refuses names and paths nobody can see or that read backwards, saying which character", () => {
    const linux = { kind: "LINUX_FILE", path: "/etc/hosts", pathType: "FILE" } as const;
    expect(fields({ ...linux, itemName: "\u202E" })).toEqual(["itemName"]);
    expect(fields({ ...linux, itemName: "\u200B\u200B" })).toEqual(["itemName"]);
    expect(fields({ ...linux, itemName: "hosts", group: "\u2066" })).toEqual(["group"]);
    const reversed = errorsOf(validateEntity({ ...linux, itemName: "hosts", path: "/etc/gpj\u202Eexe.sh" }));
    expect(reversed.map((e) => e.message).join()).toMatch(/U\+202E/);
  });

  it("accepts a well-formed entity of every kind", () => {
    const ok: EntityDraft[] = [
      { kind: "LINUX_FILE", itemName: "conf", path: "/etc/*.conf", pathType: "FILE", useSudo: true, links: "FOLLOW" },
      { kind: "WINDOWS_FILE", itemName: "sys32", path: "%windir%\\System32", pathType: "FOLDER", recursion: true, uploadContent: true },
      { kind: "WINDOWS_REGISTRY", itemName: "Run", path: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", valueName: "OneDrive" },
      { kind: "WINDOWS_SERVICE", itemName: "Update", path: "wuauserv", frequencySec: 60 },
      { kind: "FILE_CONTENT", itemName: "hosts", path: "%windir%\\System32\\drivers\\etc\\hosts", uploadContent: true },
      { kind: "FILE_CONTENT", itemName: "sshd", path: "/etc/ssh/sshd_config", pathType: "FILE", uploadContent: true, useSudo: true },
    ];
    for (const d of ok) expect(validateEntity(d)).toEqual({ ok: true });
  });

  it("requires an item name of at most 128 characters", () => {
    const base: EntityDraft = { kind: "WINDOWS_SERVICE", itemName: "", path: "wuauserv" };
    expect(fields(base)).toEqual(["itemName"]);
    expect(fields({ ...base, itemName: "x".repeat(129) })).toEqual(["itemName"]);
    expect(validateEntity({ ...base, itemName: "x".repeat(128) })).toEqual({ ok: true });
  });

  it("checks path types by operating system", () => {
    expect(fields({ kind: "LINUX_FILE", itemName: "a", path: "/etc", pathType: "FOLDER" })).toEqual(["pathType"]);
    expect(fields({ kind: "WINDOWS_FILE", itemName: "a", path: "C:\\x", pathType: "DIRECTORY" })).toEqual(["pathType"]);
    expect(fields({ kind: "WINDOWS_FILE", itemName: "a", path: "C:\\x" })).toEqual(["pathType"]);
  });

  it("routes path errors to the path field by kind", () => {
    expect(fields({ kind: "LINUX_FILE", itemName: "a", path: "C:\\x", pathType: "FILE" })).toEqual(["path"]);
    expect(fields({ kind: "WINDOWS_REGISTRY", itemName: "a", path: "SOFTWARE\\x" })).toEqual(["path"]);
    expect(fields({ kind: "WINDOWS_SERVICE", itemName: "a", path: "a/b" })).toEqual(["path"]);
    expect(fields({ kind: "WINDOWS_SERVICE", itemName: "a", path: "svc", frequencySec: 5 })).toEqual(["frequencySec"]);
  });

  it("refuses content upload with links set to Manage", () => {
    const d: EntityDraft = {
      kind: "LINUX_FILE",
      itemName: "a",
      path: "/etc/hosts",
      pathType: "FILE",
      links: "MANAGE",
      uploadContent: true,
    };
    const errors = errorsOf(validateEntity(d));
    expect(errors).toEqual([{ field: "uploadContent", message: expect.stringMatching(/Manage .* cannot be uploaded/) }]);
    expect(fields({ kind: "FILE_CONTENT", itemName: "a", path: "/etc/hosts", links: "MANAGE", uploadContent: true })).toEqual([
      "uploadContent",
    ]);
    expect(validateEntity({ ...d, uploadContent: false })).toEqual({ ok: true });
  });

  it("requires uploadContent and a file path for file content entities", () => {
    expect(fields({ kind: "FILE_CONTENT", itemName: "a", path: "/etc/hosts" })).toEqual(["uploadContent"]);
    expect(fields({ kind: "FILE_CONTENT", itemName: "a", path: "/etc", pathType: "DIRECTORY", uploadContent: true })).toEqual(["pathType"]);
    expect(fields({ kind: "FILE_CONTENT", itemName: "a", path: "etc/hosts", uploadContent: true })).toEqual(["path"]);
  });

  it("refuses fields that do not apply to the kind", () => {
    expect(fields({ kind: "WINDOWS_FILE", itemName: "a", path: "C:\\x.ini", pathType: "FILE", useSudo: true, links: "FOLLOW" })).toEqual([
      "useSudo",
      "links",
    ]);
    expect(
      fields({ kind: "WINDOWS_REGISTRY", itemName: "a", path: "HKLM\\X", pathType: "FILE", uploadContent: true, frequencySec: 60 }),
    ).toEqual(["pathType", "uploadContent", "frequencySec"]);
    expect(fields({ kind: "WINDOWS_SERVICE", itemName: "a", path: "svc", recursion: true, valueName: "x" })).toEqual([
      "recursion",
      "valueName",
    ]);
  });

  it("stores registry keys with the long hive name", () => {
    expect(canonicalPath({ kind: "WINDOWS_REGISTRY", path: "hklm\\SOFTWARE\\X" })).toBe("HKEY_LOCAL_MACHINE\\SOFTWARE\\X");
    expect(canonicalPath({ kind: "LINUX_FILE", path: "/etc/hosts" })).toBe("/etc/hosts");
  });
});
