// Change records of past months: the purge removes exactly what its workspace no longer keeps, whatever month it is
// of, with the review history of those changes. On PostgreSQL a month wholly past retention leaves as a partition;
// the worker keeps the months ahead ready, and a month whose records sit in the default partition stays there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { createTestDb, testDbKind, type TestDb } from "@/lib/testing/test-db";
import { commitScan } from "../ingest/commit-scan";
import { ensureChangePartitions, listChangePartitions, refreshPartitionStatistics } from "./partitions";
import { purgeExpired } from "./purge";
import { retentionFixture } from "./testing";

const NOW = new Date("2026-11-20T12:30:00Z");
let t: TestDb;
let machineId: string;
let workspaceId: string;
let entityId: string;
let n = 0;

const file = (sha: string): InventoryEntry => ({ changeType: "Files", itemKey: "/etc/app.conf", entityId, size: 1n, sha256: sha });

function scanAt(time: Date) {
  n += 1;
  return commitScan(t.db, {
    scanId: `months-${n}`,
    machineId,
    changeType: "Files",
    startedAt: time,
    finishedAt: time,
    entityIds: [entityId],
    entries: [file(`s${n}`)],
    errors: [],
  });
}

/** A scan at `at` that changes /etc/app.conf; answers its change record, with a review step of it. */
async function changeAt(at: string) {
  const time = new Date(at);
  await scanAt(time);
  const change = await t.db.changeRecord.findFirstOrThrow({ where: { scanId: `months-${n}` } });
  await t.db.changeReview.create({
    data: {
      changeId: change.id,
      changeTime: change.timeGenerated,
      workspaceId,
      at: NOW,
      state: "Expected",
      previousState: "Unreviewed",
      actorEmail: "owner@contoso.com",
    },
  });
  return change;
}

const kept = async () =>
  (await t.db.changeRecord.findMany({ where: { machineId }, orderBy: { timeGenerated: "asc" } })).map((r) => r.timeGenerated.toISOString());
const reviewed = async () =>
  (await t.db.changeReview.findMany({ where: { workspaceId }, orderBy: { changeTime: "asc" } })).map((r) => r.changeTime.toISOString());
/** Every workspace's retention: a month is looked at once the shortest retention has begun to expire it. */
const setRetention = (retentionDays: number) => t.db.workspace.updateMany({ data: { retentionDays } });

beforeAll(async () => {
  t = await createTestDb();
  // Only this machine's data, so that what is purged is exactly what the test wrote.
  ({ machineId, workspaceId, entityId } = await retentionFixture(t.db));
  // The first scan of the file is its baseline: no change record.
  await scanAt(new Date("2026-01-05T00:00:00Z"));
  // March's record lands in the default partition on PostgreSQL: no partition of March exists.
  await changeAt("2026-03-10T08:00:00Z");
  if (testDbKind() === "postgres") {
    // Partitions of May, June and July, as the worker made them ahead in May.
    expect(await ensureChangePartitions(t.db, new Date("2026-05-15T00:00:00Z"))).toEqual([
      "ChangeRecord_p202605",
      "ChangeRecord_p202606",
      "ChangeRecord_p202607",
    ]);
  }
  await changeAt("2026-06-10T08:00:00Z");
  await changeAt("2026-07-31T23:59:59Z");
  await changeAt("2026-08-25T10:00:00Z");
  await changeAt("2026-11-19T10:00:00Z");
});
afterAll(() => t.drop());

describe("purging change records of past months", () => {
  it("keeps every month still within retention", async () => {
    await setRetention(365);
    const res = await purgeExpired(t.db, { now: NOW });
    expect(res).toMatchObject({ records: 0, done: true });
    expect(await kept()).toHaveLength(5);
    expect(await reviewed()).toHaveLength(5);
    if (testDbKind() === "postgres") {
      expect(res.partitions).toBe(0);
      expect((await listChangePartitions(t.db)).map((p) => p.name)).toContain("ChangeRecord_p202605");
    }
  });

  it("keeps a month whole while one workspace still keeps a record of it, whatever the others keep", async () => {
    await setRetention(90);
    await t.db.workspace.update({ where: { id: workspaceId }, data: { retentionDays: 365 } });
    const res = await purgeExpired(t.db, { now: NOW });
    expect(res).toMatchObject({ records: 0, partitions: testDbKind() === "postgres" ? 1 : 0, done: true });
    expect(await kept()).toHaveLength(5);
    if (testDbKind() === "postgres") {
      // Only May's partition, empty and begun to expire for the other workspaces, went.
      expect((await listChangePartitions(t.db)).map((p) => p.name).filter((name) => name < "ChangeRecord_p202608")).toEqual([
        "ChangeRecord_p202606",
        "ChangeRecord_p202607",
      ]);
    }
  });

  it("removes what the workspace no longer keeps, with its review history, and nothing else", async () => {
    // 90 days before 2026-11-20 12:30: the cutoff is 2026-08-22 12:00; August's record stays, July's goes.
    await setRetention(90);
    const res = await purgeExpired(t.db, { now: NOW });
    expect(res).toMatchObject({ records: 3, done: true });
    expect(await kept()).toEqual(["2026-08-25T10:00:00.000Z", "2026-11-19T10:00:00.000Z"]);
    expect(await reviewed()).toEqual(["2026-08-25T10:00:00.000Z", "2026-11-19T10:00:00.000Z"]);
    if (testDbKind() === "postgres") {
      // June's and July's partitions held only expired records: they left whole; March's record was in the default
      // partition and went by a delete.
      expect(res.partitions).toBe(2);
      const names = (await listChangePartitions(t.db)).map((p) => p.name);
      expect(names.filter((name) => name < "ChangeRecord_p202608")).toEqual([]);
    }
  });

  if (testDbKind() === "postgres") {
    it("keeps the months ahead ready, and leaves a month whose records are in the default partition there", async () => {
      // Years ahead, so that no partition of the migration's exists there.
      await changeAt("2099-05-02T00:00:00Z");
      // A worker that starts in April: May's record sits in the default partition, so May gets no partition (the
      // record stays where it is, purged by a delete when its time comes); April and June do.
      const created = await ensureChangePartitions(t.db, new Date("2099-04-03T00:00:00Z"));
      expect(created).toEqual(["ChangeRecord_p209904", "ChangeRecord_p209906"]);
      await changeAt("2099-06-15T00:00:00Z");
      const [{ partition }] = await t.db.$queryRawUnsafe<{ partition: string }[]>(
        `SELECT tableoid::regclass::text AS partition FROM "ChangeRecord" WHERE "timeGenerated" = '2099-06-15 00:00:00'`,
      );
      expect(partition).toBe('"ChangeRecord_p209906"');
      // Nothing new to create a pass later.
      expect(await ensureChangePartitions(t.db, new Date("2099-04-03T01:00:00Z"))).toEqual([]);
    });

    it("analyzes the month's partition once enough records arrived since its last statistics, not before", async () => {
      const at = new Date("2099-06-20T00:00:00Z");
      const tuples = async () =>
        Number(
          (await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT reltuples AS n FROM pg_class WHERE relname = 'ChangeRecord_p209906'`))[0].n,
        );
      // One transaction on one connection: the insert, then pg_stat_force_next_flush, so that this backend reports
      // the rows it changed as soon as it is idle (by itself it may wait up to 10 s after a recent report).
      const insert = (count: number, prefix: string) =>
        t.db.$transaction([
          t.db.$executeRawUnsafe(
            `INSERT INTO "ChangeRecord" ("id", "workspaceId", "machineId", "computer", "timeGenerated", "changeType", "category", "target", "scanId", "seq")
           SELECT $1 || n, $2, $3, 'web-eus-01', $4::timestamp + n * interval '1 second', 'Files', 'Modified', '/etc/f' || n, $1, n
           FROM generate_series(1, $5::int) AS n`,
            prefix,
            workspaceId,
            machineId,
            "2099-06-01 00:00:00",
            count,
          ),
          t.db.$executeRawUnsafe("SELECT pg_stat_force_next_flush()"),
        ]);
      await insert(1_500, "stats-a");
      // The report reaches the shared statistics once the backend is idle, a moment after the commit.
      await expect.poll(() => refreshPartitionStatistics(t.db, at), { timeout: 20_000 }).toBe("ChangeRecord_p209906");
      expect(await tuples()).toBeGreaterThanOrEqual(1_500);
      // Under a tenth of its rows (and under 1,000) changed since: autovacuum's rule, nothing to do.
      await insert(100, "stats-b");
      expect(await refreshPartitionStatistics(t.db, at)).toBeNull();
    });
  }
});
