import { describe, it, expect } from "vitest";
import { normalizeRegistryKey, parseHive, registryKeyErrors, splitRegistryKey, validateRegistryKey } from "./registry";

describe("registry hives", () => {
  it("accepts long and short hive names case-insensitively", () => {
    expect(parseHive("HKLM")).toBe("HKEY_LOCAL_MACHINE");
    expect(parseHive("hkey_local_machine")).toBe("HKEY_LOCAL_MACHINE");
    expect(parseHive("HKCU")).toBe("HKEY_CURRENT_USER");
    expect(parseHive("HKU")).toBe("HKEY_USERS");
    expect(parseHive("hkcr")).toBe("HKEY_CLASSES_ROOT");
    expect(parseHive("HKCC")).toBe("HKEY_CURRENT_CONFIG");
    expect(parseHive("HKEY_LOCAL")).toBeNull();
  });

  it("splits hive and subkey", () => {
    expect(splitRegistryKey("HKLM\\SOFTWARE\\Microsoft")).toEqual({ hive: "HKEY_LOCAL_MACHINE", subkey: "SOFTWARE\\Microsoft" });
    expect(splitRegistryKey("HKEY_USERS")).toEqual({ hive: "HKEY_USERS", subkey: "" });
    expect(splitRegistryKey("SOFTWARE\\Microsoft")).toBeNull();
  });

  it("normalises HKLM <-> HKEY_LOCAL_MACHINE and keeps the subkey's case", () => {
    expect(normalizeRegistryKey("hklm\\SOFTWARE\\Run")).toBe("HKEY_LOCAL_MACHINE\\SOFTWARE\\Run");
    expect(normalizeRegistryKey("HKEY_CURRENT_USER\\Software\\x", "short")).toBe("HKCU\\Software\\x");
    expect(normalizeRegistryKey("HKCR")).toBe("HKEY_CLASSES_ROOT");
    expect(normalizeRegistryKey("nonsense\\x")).toBe("nonsense\\x");
  });
});

describe("validateRegistryKey", () => {
  it("accepts keys under every hive in both spellings", () => {
    for (const k of [
      "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\hivelist",
      "HKCU\\Software\\Microsoft",
      "HKU\\.DEFAULT\\Software",
      "HKCR\\exefile\\shell\\open\\command",
      "HKEY_CURRENT_CONFIG\\System",
    ]) {
      expect(validateRegistryKey(k)).toEqual({ ok: true });
    }
  });

  const messageFor = (k: string) => registryKeyErrors(k)[0]?.message ?? "";

  it("refuses a missing or unknown hive and names the valid ones", () => {
    expect(messageFor("SOFTWARE\\Microsoft")).toMatch(/not a registry hive.*HKEY_LOCAL_MACHINE \(HKLM\)/);
    expect(messageFor("")).toMatch(/Enter a registry key/);
  });

  it("refuses forward slashes, empty segments, a trailing backslash and wildcards", () => {
    expect(messageFor("HKLM/SOFTWARE/Microsoft")).toMatch(/backslashes/);
    expect(messageFor("HKLM\\SOFTWARE\\\\Microsoft")).toMatch(/empty part/);
    expect(messageFor("HKLM\\SOFTWARE\\")).toMatch(/trailing backslash/);
    expect(messageFor("HKLM\\SOFTWARE\\Run*")).toMatch(/Wildcards .* not supported/);
  });

  it("refuses a whole hive as too broad", () => {
    expect(messageFor("HKLM")).toMatch(/whole hive/);
    expect(messageFor("HKLM\\")).toMatch(/whole hive/);
  });

  it("reports errors on the path field", () => {
    expect(validateRegistryKey("bad")).toEqual({ ok: false, errors: [expect.objectContaining({ field: "path" })] });
  });
});
