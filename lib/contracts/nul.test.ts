// NUL (U+0000) in any string that reaches the database is refused with a field error: PostgreSQL text cannot hold
// it or be compared with it, so letting it through was a 500 there (found by app/api/v1/fuzz.int.test.ts).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZAgentEntry, ZAgentRegisterBody, ZAgentScanReport } from "./agent";
import { ZChangesQuery } from "./changes";
import { ZEntityCreateBody, ZEntityPatchBody } from "./entities";
import { ZServersQuery } from "./machines";

/** The dotted fields a schema refuses for this value. */
function refused(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}

const now = new Date().toISOString();
const scan = { scanId: "s1", changeType: "Files", startedAt: now, finishedAt: now, entityIds: [], entries: [] };

describe("strings with NUL", () => {
  it("are refused in the search and computer filters of the change and machine lists", () => {
    expect(refused(ZChangesQuery, { q: "sshd\u0000" })).toEqual(["q"]);
    expect(refused(ZChangesQuery, { computer: "web\u0000" })).toEqual(["computer"]);
    expect(refused(ZServersQuery, { q: "\u0000" })).toEqual(["q"]);
    expect(refused(ZChangesQuery, { q: "sshd", computer: "web-01" })).toEqual([]);
  });

  it("are refused in an agent's registration: the workspace it names and its OS version", () => {
    const body = { workspace: "contoso-prod-eastus", hostname: "web-01", osFamily: "LINUX", osVersion: "Debian 13" };
    expect(refused(ZAgentRegisterBody, body)).toEqual([]);
    expect(refused(ZAgentRegisterBody, { ...body, workspace: "contoso\u0000" })).toEqual(["workspace"]);
    expect(refused(ZAgentRegisterBody, { ...body, osVersion: "Debian\u0000" })).toEqual(["osVersion"]);
  });

  it("are refused in every text of an inventory entry, though other control characters stay allowed in values", () => {
    for (const field of ["sha256", "acls", "attributes", "valueType", "valueData", "svcState", "svcStartupType", "contentSha256"]) {
      expect(refused(ZAgentEntry, { itemKey: "/etc/x", [field]: "a\u0000b" }), field).toEqual([field]);
    }
    expect(refused(ZAgentEntry, { itemKey: "HKLM\\X", valueData: "line 1\r\nline 2\u0001" })).toEqual([]);
  });

  it("are refused in a scan's machine id, entity ids and error messages", () => {
    expect(refused(ZAgentScanReport, { ...scan, machineId: "m\u0000" })).toEqual(["machineId"]);
    expect(refused(ZAgentScanReport, { ...scan, entityIds: ["e\u0000"] })).toEqual(["entityIds.0"]);
    expect(refused(ZAgentScanReport, { ...scan, errors: [{ message: "denied\u0000" }] })).toEqual(["errors.0.message"]);
  });

  it("are refused in a registry value name, on create and on update", () => {
    const key = { kind: "WINDOWS_REGISTRY", itemName: "Run", path: "HKEY_LOCAL_MACHINE\\SOFTWARE\\X" };
    expect(refused(ZEntityCreateBody, { ...key, valueName: "Updater\u0000" })).toEqual(["valueName"]);
    expect(refused(ZEntityPatchBody, { valueName: "\u0000" })).toEqual(["valueName"]);
    expect(refused(ZEntityCreateBody, { ...key, valueName: "Updater" })).toEqual([]);
  });
});
