import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { fileEntry, filesScan } from "@/lib/testing/inventory";
import { createTestDb, testDbKind, type TestDb } from "@/lib/testing/test-db";
import { sqliteFileOf } from "../db";
import { seedDemoTenant } from "../seed/seed";
import { AppError } from "../errors";
import type { ScanReport } from "./commit-scan";
import { commitScanOnThread, stopCommitThreads } from "./commit-thread";

// Agent scans commit on a worker thread with its own client (commit-thread.ts): the same commit, across a thread.
let t: TestDb;
let machineId: string;
let entityId: string;
let n = 0;

const file = (path: string, sha: string) => fileEntry(entityId, path, sha);
function report(entries: InventoryEntry[], extra: Partial<ScanReport> = {}): ScanReport {
  n += 1;
  return filesScan(`thread-${n}`, machineId, new Date(Date.UTC(2026, 10, 20, 12, n)), [entityId], entries, extra);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const m = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
  machineId = m.id;
  entityId = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/etc/*.conf" } })).id;
});
afterAll(async () => {
  await stopCommitThreads();
  await t.drop();
});

describe("commitScanOnThread", () => {
  it("commits on the thread what commitScan commits, and a resent scan once", async () => {
    expect(await commitScanOnThread(t.db, report([file("/etc/a.conf", "a1")]))).toMatchObject({ baselined: 1, changes: 0 });
    const r = report([file("/etc/a.conf", "a2"), file("/etc/b.conf", "b1")]);
    // Sent twice at once: on PostgreSQL the thread commits them side by side, and either may take the machine's lock
    // first; exactly one commits the changes and the other is answered as a duplicate.
    const both = await Promise.all([commitScanOnThread(t.db, r), commitScanOnThread(t.db, r)]);
    expect(both.map((b) => (b.duplicate ? "duplicate" : `${b.changes} changes`)).sort()).toEqual(["2 changes", "duplicate"]);
    // Resent once it is in: answered before the thread, as a duplicate that writes nothing.
    expect(await commitScanOnThread(t.db, r)).toEqual({ duplicate: true, changes: 0, baselined: 0, removedSilently: 0, contentRefused: 0 });
    const recs = await t.db.changeRecord.findMany({ where: { scanId: r.scanId }, orderBy: { seq: "asc" } });
    expect(recs.map((c) => [c.category, c.target, c.previousSha256, c.sha256, c.size])).toEqual([
      ["Modified", "/etc/a.conf", "a1", "a2", 100n],
      ["Added", "/etc/b.conf", null, "b1", 100n],
    ]);
  });

  it("gives back the commit's refusal with its code and words", async () => {
    const err = await commitScanOnThread(t.db, report([], { machineId: "no-such-machine" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "not_found", message: expect.stringContaining("The machine") });
  });

  it("refuses the scans in flight with 503 when the thread stops; their resend lands exactly once on a new thread", async () => {
    const r = report([file("/etc/a.conf", "a3"), file("/etc/b.conf", "b1")]);
    const refused = commitScanOnThread(t.db, r).then(
      () => null,
      (err: unknown) => err,
    );
    await stopCommitThreads();
    expect(await refused).toMatchObject({ code: "unavailable" });
    // The stopped thread may or may not have committed it: the resend commits it or is answered duplicate.
    await commitScanOnThread(t.db, r);
    expect(await t.db.changeRecord.count({ where: { scanId: r.scanId } })).toBe(1);
    const a = await t.db.inventoryItem.findFirstOrThrow({ where: { machineId, changeType: "Files", itemKey: "/etc/a.conf" } });
    expect(a.sha256).toBe("a3");
  });

  // SQLite only: the thread's connection leaves the WAL to the passive checkpoints of a thread of their own.
  if (testDbKind() === "sqlite") {
    it("gets its WAL checkpointed into the database file by the checkpoint thread", async () => {
      const dbFile = sqliteFileOf(t.db)!;
      const before = fs.statSync(dbFile).size;
      const many = Array.from({ length: 3_000 }, (_, i) => file(`/etc/many-${i}.conf`, `m${i}`));
      await commitScanOnThread(t.db, report(many));
      await vi.waitFor(() => expect(fs.statSync(dbFile).size).toBeGreaterThan(before), { timeout: 10_000, interval: 100 });
    });
  }
});
