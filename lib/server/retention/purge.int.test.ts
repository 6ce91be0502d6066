// Retention: what a workspace keeps is what its Owner set; older change records, their hourly counts and their
// review history go, and file content goes once nothing names it any more.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { commitScan } from "../ingest/commit-scan";
import { purgeExpired } from "./purge";
import { retentionFixture } from "./testing";

const NOW = new Date("2026-11-20T12:30:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
let t: TestDb;
let machineId: string;
let workspaceId: string;
let entityId: string;
let n = 0;
let old60Id = "";

const conf = (sha: string, content: string | null): InventoryEntry => ({
  changeType: "Files",
  itemKey: "/etc/app.conf",
  entityId,
  size: BigInt(sha.length),
  sha256: sha,
  contentSha256: content,
});
const other = (sha: string): InventoryEntry => ({ changeType: "Files", itemKey: "/etc/other.conf", entityId, size: 1n, sha256: sha });

async function scan(at: Date, entries: InventoryEntry[], upload: string[] = []) {
  n += 1;
  await commitScan(t.db, {
    scanId: `retention-${n}`,
    machineId,
    changeType: "Files",
    startedAt: at,
    finishedAt: at,
    entityIds: [entityId],
    entries,
    errors: [],
    contents: new Map(upload.map((s) => [s, new TextEncoder().encode(`content ${s}`)])),
  });
}

const records = () => t.db.changeRecord.findMany({ where: { machineId }, orderBy: { timeGenerated: "asc" } });
const counts = async () =>
  (await t.db.changeCount.findMany({ where: { machineId }, orderBy: { hour: "asc" } })).map((c) => c.hour.toISOString());

beforeAll(async () => {
  t = await createTestDb();
  // Only this machine's data, so that what is purged is exactly what the test wrote.
  ({ machineId, workspaceId, entityId } = await retentionFixture(t.db));
  await scan(daysAgo(100), [conf("a1", "c1"), other("o1")], ["c1"]);
  await scan(daysAgo(60), [conf("a2", "c2"), other("o2")], ["c2"]);
  await scan(daysAgo(40), [conf("a2", "c2"), other("o3")]);
  await scan(daysAgo(1), [conf("a3", "c3"), other("o4")], ["c3"]);
  const old = await t.db.changeRecord.findFirstOrThrow({ where: { machineId, timeGenerated: daysAgo(60), target: "/etc/app.conf" } });
  old60Id = old.id;
  await t.db.changeReview.create({
    data: {
      changeId: old.id,
      changeTime: old.timeGenerated,
      workspaceId,
      at: NOW,
      state: "Expected",
      previousState: "Unreviewed",
      actorEmail: "owner@contoso.com",
    },
  });
  for (const [at, changeId] of [
    [daysAgo(60), old.id],
    [daysAgo(1), "recent"],
  ] as const) {
    await t.db.alert.create({
      data: {
        workspaceId,
        ruleName: "Config files",
        severity: "High",
        machineId,
        computer: "web-eus-01",
        windowStart: at,
        windowEnd: at,
        firstChangeAt: at,
        lastChangeAt: at,
        changeCount: 1,
        changes: { create: { changeId } },
      },
    });
  }
});
const alertTimes = async () =>
  (await t.db.alert.findMany({ where: { workspaceId }, orderBy: { lastChangeAt: "asc" } })).map((a) => a.lastChangeAt.toISOString());
afterAll(() => t.drop());

describe("purgeExpired", () => {
  it("keeps everything within the default 90 days", async () => {
    expect((await t.db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).retentionDays).toBe(90);
    const before = await records();
    expect(before).toHaveLength(5);
    const res = await purgeExpired(t.db, { now: NOW });
    expect(res).toMatchObject({ records: 0, contents: 0, done: true });
    expect(await records()).toHaveLength(5);
  });

  it("purges in bounded batches, resuming where it stopped", async () => {
    await t.db.workspace.update({ where: { id: workspaceId }, data: { retentionDays: 50 } });
    const first = await purgeExpired(t.db, { now: NOW, batchSize: 1, maxBatches: 1 });
    expect(first).toMatchObject({ records: 1, done: false });
    const rest = await purgeExpired(t.db, { now: NOW, batchSize: 1 });
    expect(rest).toMatchObject({ records: 1, done: true });
    // The two records of 60 days ago are gone with their review history and hourly counts; 40 days ago stays.
    expect((await records()).map((r) => r.timeGenerated.toISOString())).toEqual([
      daysAgo(40).toISOString(),
      daysAgo(1).toISOString(),
      daysAgo(1).toISOString(),
    ]);
    expect(await t.db.changeReview.count()).toBe(0);
    // The alert of 60 days ago went with its change (and its change link); the recent one stays.
    expect(rest.alerts + first.alerts).toBe(1);
    expect(await alertTimes()).toEqual([daysAgo(1).toISOString()]);
    expect(await t.db.alertChange.count({ where: { changeId: old60Id } })).toBe(0);
    expect(await counts()).toEqual(["2026-10-11T12:00:00.000Z", "2026-11-19T12:00:00.000Z"]);
    expect(await t.db.changeReviewCount.count({ where: { machineId, hour: { lt: daysAgo(50) } } })).toBe(0);
    expect(await t.db.changeReviewCount.count({ where: { machineId } })).toBeGreaterThan(0);
    // c1 was named only by the purged Modified record (as its previous content): it goes. c2 and c3 stay.
    expect((await t.db.contentBlob.findMany({ orderBy: { sha256: "asc" } })).map((b) => b.sha256)).toEqual(["c2", "c3"]);
    expect((await t.db.machineContent.findMany({ where: { machineId } })).map((l) => l.sha256).sort()).toEqual(["c2", "c3"]);
  });

  it("keeps content the inventory still names, however old its records", async () => {
    await t.db.workspace.update({ where: { id: workspaceId }, data: { retentionDays: 30 } });
    const res = await purgeExpired(t.db, { now: daysAgo(-60) });
    expect(res.records).toBe(3);
    expect(await records()).toHaveLength(0);
    expect(await counts()).toEqual([]);
    expect((await t.db.contentBlob.findMany()).map((b) => b.sha256)).toEqual(["c3"]);
  });
});
