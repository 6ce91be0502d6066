// Windows registry keys of tracked entities: hive names, normalisation and validation.
import { type FieldError, type ValidationResult, toResult } from "./types";

export type RegistryHive = "HKEY_LOCAL_MACHINE" | "HKEY_CURRENT_USER" | "HKEY_USERS" | "HKEY_CLASSES_ROOT" | "HKEY_CURRENT_CONFIG";

/** Long hive name → its usual abbreviation; both spellings are accepted, case-insensitively, as Windows does. */
export const HIVE_ABBREVIATIONS: Readonly<Record<RegistryHive, string>> = {
  HKEY_LOCAL_MACHINE: "HKLM",
  HKEY_CURRENT_USER: "HKCU",
  HKEY_USERS: "HKU",
  HKEY_CLASSES_ROOT: "HKCR",
  HKEY_CURRENT_CONFIG: "HKCC",
};

const HIVE_BY_NAME = new Map<string, RegistryHive>();
for (const [long, short] of Object.entries(HIVE_ABBREVIATIONS) as [RegistryHive, string][]) {
  HIVE_BY_NAME.set(long, long);
  HIVE_BY_NAME.set(short, long);
}

/** Registry limits: key name segments are at most 255 characters, value names 16,383. */
const MAX_KEY_SEGMENT = 255;
export const MAX_VALUE_NAME_LENGTH = 16383;

export function parseHive(name: string): RegistryHive | null {
  return HIVE_BY_NAME.get(name.toUpperCase()) ?? null;
}

/** Splits `HKLM\SOFTWARE\X` into { hive: "HKEY_LOCAL_MACHINE", subkey: "SOFTWARE\X" }; null if no known hive. */
export function splitRegistryKey(key: string): { hive: RegistryHive; subkey: string } | null {
  const i = key.indexOf("\\");
  const hive = parseHive(i === -1 ? key : key.slice(0, i));
  if (hive === null) return null;
  return { hive, subkey: i === -1 ? "" : key.slice(i + 1) };
}

/**
 * Rewrites the hive in canonical spelling: "long" (HKEY_LOCAL_MACHINE, what ConfigurationChange reports and what
 * we store, so HKLM\X and hkey_local_machine\X do not become two entities) or "short" (HKLM, for display).
 * The subkey is kept as typed: Windows compares key names case-insensitively but preserves their case.
 * A key without a known hive is returned unchanged.
 */
export function normalizeRegistryKey(key: string, form: "long" | "short" = "long"): string {
  const parts = splitRegistryKey(key);
  if (parts === null) return key;
  const hive = form === "long" ? parts.hive : HIVE_ABBREVIATIONS[parts.hive];
  return parts.subkey === "" ? hive : `${hive}\\${parts.subkey}`;
}

const HIVE_LIST =
  "HKEY_LOCAL_MACHINE (HKLM), HKEY_CURRENT_USER (HKCU), HKEY_USERS (HKU), HKEY_CLASSES_ROOT (HKCR) or HKEY_CURRENT_CONFIG (HKCC)";

export function registryKeyErrors(key: string, field = "path"): FieldError[] {
  const err = (message: string): FieldError[] => [{ field, message }];
  if (key.trim() === "") {
    return err("Enter a registry key, for example HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run.");
  }
  if (key !== key.trim()) return err("Remove the leading or trailing spaces from the registry key.");
  if (key.includes("/")) {
    return err("Registry keys are separated by backslashes (\\), not slashes (/): write HKLM\\SOFTWARE\\Example.");
  }
  const parts = splitRegistryKey(key);
  if (parts === null) {
    const first = key.split("\\")[0];
    return err(`"${first}" is not a registry hive. Start the key with ${HIVE_LIST}.`);
  }
  if (parts.subkey === "") {
    return err(
      "Tracking a whole hive would read every key under it. Name a key inside the hive, for example HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run.",
    );
  }
  if (key.endsWith("\\")) return err("Remove the trailing backslash (\\) from the registry key.");
  const segments = parts.subkey.split("\\");
  if (segments.some((s) => s === "")) {
    return err("The registry key has an empty part (two backslashes in a row). Use a single \\ between key names.");
  }
  if (/[*?]/.test(key)) {
    return err("Wildcards (* and ?) are not supported in registry keys. Enter the exact key; use Recursion to include its subkeys.");
  }
  if (/[\u0000-\u001f]/.test(key)) return err("The registry key contains a control character; remove it.");
  if (segments.some((s) => s.length > MAX_KEY_SEGMENT)) {
    return err(`A registry key name is at most ${MAX_KEY_SEGMENT} characters between backslashes; shorten the key.`);
  }
  return [];
}

export function validateRegistryKey(key: string): ValidationResult {
  return toResult(registryKeyErrors(key));
}
