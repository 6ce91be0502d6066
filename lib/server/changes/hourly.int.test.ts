import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketMs, bucketStarts, resolveRange, type DashboardPeriod, type TimeRange } from "@/lib/domain/dashboard-period";
import { ATTRIBUTIONS } from "@/lib/domain/packages";
import { CHANGE_CATEGORIES, CHANGE_TYPES } from "@/lib/domain/types";
import { createTestDb, testDbKind, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "../seed/seed";
import { bucketRanges, countChanges } from "./counts";
import { countReviews } from "./review-summary";
import { HOUR_MS, rebuildChangeCounts, splitByHours } from "./hourly";
import { countByMachine } from "./servers";
import { databaseKind } from "../db";
import { generateFleet } from "./synthetic-fleet";

// The dashboard's counts read whole hours from ChangeCount and partial hours from ChangeRecord: for any period they
// must equal a plain count over the records.

let t: TestDb;
let workspaceId: string;
const now = new Date(Date.UTC(2026, 10, 20, 15, 37, 12, 345));
const DAYS = 4;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const sub = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = await t.db.workspace.create({
    data: { subscriptionId: sub.id, name: "hourly-counts", location: "East US", fimEnabled: true },
  });
  workspaceId = ws.id;
  // Scans of up to 6 changes at random instants over 4 days: most hours hold a few scans, some none.
  await generateFleet(t.db, { workspaceId, machines: 8, records: 1500, days: DAYS, now, seed: 7, maxScanChanges: 6 });
  // Review states and attributions on some records (picked by their ids' random last characters), then the hourly
  // counts rebuilt from the records: the review summary reads them.
  const mark = (column: string, value: string, position: number, chars: string) =>
    t.db.$executeRawUnsafe(
      `UPDATE "ChangeRecord" SET "${column}" = '${value}' WHERE "workspaceId" = '${workspaceId}'
       AND substr("id", length("id") - ${position}, 1) IN (${[...chars].map((c) => `'${c}'`).join(", ")})`,
    );
  await mark("attribution", "PackageUpdate", 0, "0123");
  await mark("attribution", "DiffersFromPackage", 0, "45");
  await mark("attribution", "NoPackage", 0, "678");
  await mark("reviewState", "Expected", 1, "abc");
  await mark("reviewState", "Suspicious", 1, "de");
  await rebuildChangeCounts(t.db, databaseKind(t.db));
}, 120_000);
afterAll(() => t.drop());

/** Deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const timeWhere = (r: TimeRange) => ({
  workspaceId,
  timeGenerated: { ...(r.fromExclusive ? { gt: r.from } : { gte: r.from }), ...(r.to ? { lte: r.to } : {}) },
});

/** What the dashboard shows for a period, counted the plain way. */
async function expected(range: TimeRange, starts: number[], width: number) {
  const byType = Object.fromEntries(
    await Promise.all(
      CHANGE_TYPES.map(async (type) => [type, await t.db.changeRecord.count({ where: { ...timeWhere(range), changeType: type } })]),
    ),
  );
  const byCategory = Object.fromEntries(
    await Promise.all(
      CHANGE_CATEGORIES.map(async (category) => [category, await t.db.changeRecord.count({ where: { ...timeWhere(range), category } })]),
    ),
  );
  const timeline = await Promise.all(
    bucketRanges(range, starts, width).map(async (part, i) => ({
      start: starts[i],
      ...Object.fromEntries(
        await Promise.all(
          CHANGE_TYPES.map(async (type) => [type, await t.db.changeRecord.count({ where: { ...timeWhere(part), changeType: type } })]),
        ),
      ),
    })),
  );
  return { byType, byCategory, timeline };
}

async function expectedByMachine(range: TimeRange) {
  const rows = await t.db.changeRecord.groupBy({ by: ["machineId", "changeType"], where: timeWhere(range), _count: { _all: true } });
  const out = new Map<string, { files: number; registry: number; services: number }>();
  const col = { Files: "files", Registry: "registry", WindowsServices: "services" } as const;
  for (const r of rows) {
    const c = out.get(r.machineId) ?? { files: 0, registry: 0, services: 0 };
    c[col[r.changeType]] = r._count._all;
    out.set(r.machineId, c);
  }
  return out;
}

/** The period's reviewed changes by state and its changes by attribution, counted the plain way. */
async function expectedReviews(range: TimeRange) {
  const count = (where: object) => t.db.changeRecord.count({ where: { ...timeWhere(range), ...where } });
  return {
    byReview: { Unreviewed: 0, Expected: await count({ reviewState: "Expected" }), Suspicious: await count({ reviewState: "Suspicious" }) },
    byAttribution: Object.fromEntries(
      await Promise.all(ATTRIBUTIONS.map(async (attribution) => [attribution, await count({ attribution })])),
    ),
  };
}

async function check(period: DashboardPeriod, at: Date, label: string) {
  const range = resolveRange(period, at);
  const width = bucketMs(period);
  const starts = bucketStarts(range, width, at);
  const got = await countChanges(t.db, workspaceId, range, { starts, width });
  expect(got, label).toEqual(await expected(range, starts, width));
  expect(await countReviews(t.db, workspaceId, range), `${label} by review and attribution`).toEqual(await expectedReviews(range));
  expect(await countByMachine(t.db, workspaceId, range), `${label} by machine`).toEqual(await expectedByMachine(range));
}

const start = now.getTime() - DAYS * 86_400_000;

/** The workspace's hourly sums (over its slices) next to the sums of its machines' counts: the triggers keep them equal. */
async function workspaceSums() {
  // Our own cuid, written inline: SQLite and PostgreSQL spell parameters differently.
  const group = (table: string, keys: string) =>
    t.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${keys}, CAST(sum("count") AS INTEGER) AS n FROM "${table}" WHERE "workspaceId" = '${workspaceId}'
       GROUP BY ${keys} HAVING sum("count") <> 0 ORDER BY ${keys}`,
    );
  const changeKeys = `"hour", CAST("changeType" AS TEXT), CAST("category" AS TEXT)`;
  const reviewKeys = `"hour", CAST("reviewState" AS TEXT), "attribution"`;
  return {
    changes: [await group("WorkspaceChangeCount", changeKeys), await group("ChangeCount", changeKeys)],
    reviews: [await group("WorkspaceReviewCount", reviewKeys), await group("ChangeReviewCount", reviewKeys)],
  };
}

async function expectWorkspaceSums(label: string) {
  const { changes, reviews } = await workspaceSums();
  expect(changes[0].length, label).toBeGreaterThan(10);
  expect(changes[0], `${label}: change counts`).toEqual(changes[1]);
  expect(reviews[0], `${label}: review counts`).toEqual(reviews[1]);
}

describe("hourly counts", () => {
  it("equal a GROUP BY over the records, as the migration's backfill and rebuildChangeCounts compute it", async () => {
    const kept = await t.db.changeCount.findMany({
      orderBy: [{ machineId: "asc" }, { changeType: "asc" }, { hour: "asc" }, { category: "asc" }],
    });
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.reduce((n, c) => n + c.count, 0)).toBe(await t.db.changeRecord.count({ where: { workspaceId } }));
    for (const c of kept) expect(c.hour.getTime() % HOUR_MS).toBe(0);

    const folder = testDbKind() === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
    const dir = fs.readdirSync(folder).find((d) => d.endsWith("_change_counts"))!;
    const backfill = fs
      .readFileSync(path.join(folder, dir, "migration.sql"), "utf8")
      .split("-- Backfill")[1]
      .replace(/^[^\n]*\n(--[^\n]*\n)*/, "");
    await t.db.changeCount.deleteMany();
    await t.db.$executeRawUnsafe(backfill);
    const order = [{ machineId: "asc" as const }, { changeType: "asc" as const }, { hour: "asc" as const }, { category: "asc" as const }];
    expect(await t.db.changeCount.findMany({ orderBy: order })).toEqual(kept);

    await rebuildChangeCounts(t.db, databaseKind(t.db));
    expect(await t.db.changeCount.findMany({ orderBy: order })).toEqual(kept);
    await expectWorkspaceSums("after a rebuild");
  });

  it("split a period into partial edges and whole hours", () => {
    const h = (n: number) => new Date(Date.UTC(2026, 10, 20, n));
    expect(splitByHours({ from: h(10), fromExclusive: false, to: new Date(h(13).getTime() - 1) })).toEqual({
      head: null,
      hours: { from: h(10), to: h(13) },
      tail: null,
    });
    expect(splitByHours({ from: h(10), fromExclusive: true, to: h(13) })).toEqual({
      head: { from: h(10), fromExclusive: true, to: new Date(h(11).getTime() - 1) },
      hours: { from: h(11), to: h(13) },
      tail: { from: h(13), fromExclusive: false, to: h(13) },
    });
    const inside = { from: new Date(h(10).getTime() + 1), fromExclusive: false, to: new Date(h(11).getTime() - 1) };
    expect(splitByHours(inside)).toEqual({ head: inside, hours: null, tail: null });
    // A preset has no end: the current hour and any later one are whole hours, read from the counts.
    const preset = { from: new Date(h(10).getTime() + 1_800_000), fromExclusive: false, to: null };
    expect(splitByHours(preset)).toEqual({
      head: { from: preset.from, fromExclusive: false, to: new Date(h(11).getTime() - 1) },
      hours: { from: h(11), to: null },
      tail: null,
    });
  });

  it("give the summary and the Servers tab exact counts for presets at any instant", async () => {
    // The fleet's changes fall in every review state and attribution the summary counts.
    const all = await expectedReviews(resolveRange({ preset: "30d" }, now));
    for (const n of [all.byReview.Expected, all.byReview.Suspicious, ...Object.values(all.byAttribution)]) expect(n).toBeGreaterThan(20);
    const r = prng(11);
    const instants = [
      now,
      new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS),
      new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 1),
    ];
    for (let i = 0; i < 4; i++) instants.push(new Date(start + 3_600_000 + Math.floor(r() * (now.getTime() - start))));
    for (const at of instants) {
      for (const preset of ["1h", "24h", "7d", "30d"] as const) await check({ preset }, at, `${preset} at ${at.toISOString()}`);
    }
  });

  it("give exact counts for custom ranges with edges anywhere: inside an hour, on an hour, a millisecond off", async () => {
    const r = prng(5);
    const span = now.getTime() + HOUR_MS - start;
    const edge = () => {
      const t0 = start - HOUR_MS + Math.floor(r() * span);
      const hour = Math.floor(t0 / HOUR_MS) * HOUR_MS;
      const roll = r();
      return roll < 0.25 ? hour : roll < 0.4 ? hour - 1 : roll < 0.55 ? hour + 1 : t0;
    };
    for (let i = 0; i < 24; i++) {
      const [a, later] = [edge(), edge()].sort((x, y) => x - y);
      const b = i % 6 === 0 ? a + Math.floor(r() * 5 * HOUR_MS) : later; // short ones: 5-minute and 15-minute buckets
      const period = { from: new Date(a), to: new Date(b) };
      await check(period, now, `${period.from.toISOString()} .. ${period.to.toISOString()}`);
    }
  });

  it("follow the records when a machine is deleted", async () => {
    const m = await t.db.machine.findFirstOrThrow({ where: { workspaceId, changes: { some: {} } } });
    await t.db.machine.delete({ where: { id: m.id } });
    expect(await t.db.changeCount.count({ where: { machineId: m.id } })).toBe(0);
    await check({ preset: "30d" }, now, "after a deletion");
    await expectWorkspaceSums("after a deletion");
  });
});
