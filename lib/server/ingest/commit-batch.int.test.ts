import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileEntry } from "@/lib/testing/inventory";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "../seed/seed";
import { commitScanBatch } from "./commit-batch";
import type { ScanReport } from "./commit-scan";

// Group commit (the SQLite commit thread's): several scans in one transaction, each in its own savepoint.
let t: TestDb;
let web: { machineId: string; entityId: string };
let db2: { machineId: string; entityId: string };
let n = 0;

function report(on: { machineId: string; entityId: string }, files: [string, string][], extra: Partial<ScanReport> = {}): ScanReport {
  n += 1;
  const at = new Date(Date.UTC(2026, 10, 21, 12, n));
  return {
    scanId: `batch-${n}`,
    machineId: on.machineId,
    changeType: "Files",
    startedAt: at,
    finishedAt: at,
    entityIds: [on.entityId],
    entries: files.map(([path, sha]) => fileEntry(on.entityId, path, sha)),
    errors: [],
    ...extra,
  };
}
const records = (scanId: string) => t.db.changeRecord.findMany({ where: { scanId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const on = async (name: string) => {
    const m = await t.db.machine.findFirstOrThrow({ where: { name } });
    const e = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/etc/*.conf" } });
    return { machineId: m.id, entityId: e.id };
  };
  web = await on("web-eus-01");
  db2 = await on("web-eus-02");
});
afterAll(() => t.drop());

describe("commitScanBatch", () => {
  it("commits the scans in order, each as on its own: a baseline then its change, two machines side by side", async () => {
    const a1 = report(web, [["/etc/a.conf", "a1"]]);
    const b1 = report(db2, [["/etc/b.conf", "b1"]]);
    const a2 = report(web, [
      ["/etc/a.conf", "a2"],
      ["/etc/c.conf", "c1"],
    ]);
    const out = await commitScanBatch(t.db, [a1, b1, a2]);
    expect(out.map((o) => ("result" in o ? [o.result.baselined, o.result.changes] : o.error))).toEqual([
      [1, 0],
      [1, 0],
      [0, 2],
    ]);
    expect((await records(a2.scanId)).map((c) => [c.category, c.target, c.previousSha256, c.sha256])).toEqual([
      ["Modified", "/etc/a.conf", "a1", "a2"],
      ["Added", "/etc/c.conf", null, "c1"],
    ]);
  });

  it("answers a scan that fails with its own error, rolls back only its writes, and commits the others", async () => {
    const before = report(web, [
      ["/etc/a.conf", "a3"],
      ["/etc/c.conf", "c1"],
    ]);
    // Fails at its very last write (the scan row: the start time is not a date), after its change records were written.
    const failing = report(db2, [["/etc/b.conf", "b2"]], { startedAt: new Date(Number.NaN) });
    const unknown = report(web, [], { machineId: "no-such-machine" });
    const after = report(db2, [["/etc/b.conf", "b3"]]);
    const out = await commitScanBatch(t.db, [before, failing, unknown, after]);
    expect(out.map((o) => ("result" in o ? o.result.changes : "error"))).toEqual([1, "error", "error", 1]);
    expect(out[2]).toMatchObject({ error: { code: "not_found" } });
    expect(await records(failing.scanId)).toEqual([]);
    expect(await t.db.scan.count({ where: { id: failing.scanId } })).toBe(0);
    // The failed scan's change was not kept: the next one is measured from b1, the last committed state.
    expect((await records(after.scanId)).map((c) => [c.previousSha256, c.sha256])).toEqual([["b1", "b3"]]);
    expect((await records(before.scanId)).map((c) => [c.previousSha256, c.sha256])).toEqual([["a2", "a3"]]);
  });

  it("commits a scan sent twice in one batch once", async () => {
    const r = report(web, [
      ["/etc/a.conf", "a4"],
      ["/etc/c.conf", "c1"],
    ]);
    const out = await commitScanBatch(t.db, [r, r]);
    expect(out.map((o) => ("result" in o ? [o.result.duplicate, o.result.changes] : o.error))).toEqual([
      [false, 1],
      [true, 0],
    ]);
    expect(await t.db.changeRecord.count({ where: { scanId: r.scanId } })).toBe(1);
  });
});
