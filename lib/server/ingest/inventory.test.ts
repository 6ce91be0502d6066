import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { FINGERPRINTED, fingerprintOf, inventoryData } from "./inventory";

// Stored rows keep the fingerprint they were written with: the definition must not drift, or every item of every
// machine would look changed once (diffed in full) after an upgrade. This is the definition, field by field.
function definition(row: Record<string, unknown>): string {
  let text = "";
  for (const c of FINGERPRINTED) {
    const v = row[c];
    text += (v == null ? "\u0000" : v instanceof Date ? String(v.getTime()) : String(v)) + "\u0001";
  }
  return crypto.hash("sha1", text, "base64");
}

const file: InventoryEntry = {
  changeType: "Files",
  itemKey: "/etc/ssh/sshd_config",
  entityId: "ent1",
  size: 3_287n,
  sha256: "a".repeat(64),
  acls: "-rw-r--r-- root root",
  inode: 131_074n,
  dateCreated: new Date("2026-11-01T10:00:00.000Z"),
  dateModified: new Date("2026-11-02T11:30:00.250Z"),
  fileType: "file",
  linkCount: 1,
} as InventoryEntry;

describe("fingerprintOf", () => {
  it("is the definition's value, for an entry and for the row stored of it", () => {
    const registry = {
      changeType: "Registry",
      itemKey: "HKLM\\Run|x",
      registryKey: "HKLM\\Run",
      valueName: "x",
      valueType: "REG_SZ",
      valueData: "c:\\x.exe",
    } as InventoryEntry;
    for (const e of [file, registry]) {
      const row = inventoryData("m1", e);
      expect(fingerprintOf(e)).toBe(definition(row));
      expect(fingerprintOf(row)).toBe(fingerprintOf(e));
    }
  });

  it("changes with every stored field, and only with them", () => {
    const base = inventoryData("m1", file) as Record<string, unknown>;
    const seen = new Set([fingerprintOf(base as never)]);
    for (const c of FINGERPRINTED) {
      const v = base[c];
      const other =
        v instanceof Date ? new Date(v.getTime() + 1) : typeof v === "bigint" ? v + 1n : typeof v === "number" ? v + 1 : `${v ?? ""}x`;
      const f = fingerprintOf({ ...base, [c]: other } as never);
      expect(seen.has(f), c).toBe(false);
      seen.add(f);
    }
    expect(fingerprintOf({ ...base, machineId: "m2", updatedAt: new Date(0) } as never)).toBe(fingerprintOf(base as never));
  });

  it("tells a null field from an empty one", () => {
    expect(fingerprintOf({ ...file, acls: "" })).not.toBe(fingerprintOf({ ...file, acls: null } as never));
    expect(fingerprintOf({ ...file, acls: undefined })).toBe(fingerprintOf({ ...file, acls: null } as never));
  });
});
