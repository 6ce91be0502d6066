import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TChangesQuery, TChangeSort } from "@/lib/contracts/changes";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "../seed/seed";
import type { TCurrentUser } from "../session";
import { listChanges } from "./list-changes";
import { searchByTime } from "./search";
import { sql } from "./sql";
import { databaseKind } from "../db";
import { listServers } from "./servers";
import { getSummary } from "./summary";
import { generateFleet } from "./synthetic-fleet";

// Keyset pagination over a generated fleet (written through commitScan): walking every page forward, then back,
// must give exactly the sorted record list, for every sort, filter and search.

let t: TestDb;
let user: TCurrentUser;
let workspaceId: string;
const now = new Date();
const RECORDS = 400;

type Rec = { id: string; t: number; type: string; category: string; machine: string; target: string; computer: string };
let all: Rec[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const sub = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = await t.db.workspace.create({ data: { subscriptionId: sub.id, name: "fleet", location: "East US", fimEnabled: true } });
  workspaceId = ws.id;
  await generateFleet(t.db, { workspaceId, machines: 12, records: RECORDS, days: 30, now, seed: 42 });
  const u = await t.db.user.findUniqueOrThrow({ where: { email: "reader@contoso.com" } });
  user = { id: u.id, email: u.email, name: u.name };
  const machines = new Map((await t.db.machine.findMany({ where: { workspaceId } })).map((m) => [m.id, m.name]));
  all = (await t.db.changeRecord.findMany({ where: { workspaceId } })).map((r) => ({
    id: r.id,
    t: r.timeGenerated.getTime(),
    type: r.changeType,
    category: r.category,
    machine: machines.get(r.machineId)!,
    target: r.target,
    computer: r.computer,
  }));
});
afterAll(() => t.drop());

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: Rec, b: Rec) => cmp(b.t, a.t) || cmp(b.id, a.id);

function expected(sort: TChangeSort, dir: "asc" | "desc", keep: (r: Rec) => boolean): string[] {
  const s = dir === "asc" ? 1 : -1;
  const by: Record<TChangeSort, (a: Rec, b: Rec) => number> = {
    time: (a, b) => s * (cmp(a.t, b.t) || cmp(a.id, b.id)),
    type: (a, b) => s * cmp(a.type, b.type) || newestFirst(a, b),
    category: (a, b) => s * cmp(a.category, b.category) || newestFirst(a, b),
    machine: (a, b) => s * cmp(a.machine, b.machine) || newestFirst(a, b),
  };
  return all
    .filter(keep)
    .sort(by[sort])
    .map((r) => r.id);
}

async function walk(q: TChangesQuery): Promise<{ forward: string[]; backward: string[]; pages: number }> {
  const forward: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let last = null as Awaited<ReturnType<typeof listChanges>> | null;
  do {
    last = await listChanges(t.db, user, workspaceId, { ...q, cursor, limit: 23 }, now);
    forward.push(...last.changes.map((r) => r.id));
    cursor = last.nextCursor ?? undefined;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  // And back from the last page to the first.
  const backward: string[] = [...last.changes.map((r) => r.id)].reverse();
  cursor = last.prevCursor ?? undefined;
  while (cursor) {
    const page = await listChanges(t.db, user, workspaceId, { ...q, cursor, limit: 23 }, now);
    backward.push(...[...page.changes].reverse().map((r) => r.id));
    cursor = page.prevCursor ?? undefined;
  }
  return { forward, backward: backward.reverse(), pages };
}

describe("keyset pagination", () => {
  it("the fleet has exactly the records asked for", () => {
    expect(all).toHaveLength(RECORDS);
  });

  for (const sort of ["time", "type", "category", "machine"] as const) {
    for (const dir of ["asc", "desc"] as const) {
      it(`walks every page by ${sort} ${dir}, forward and back`, async () => {
        const { forward, backward, pages } = await walk({ period: "30d", sort, dir });
        const want = expected(sort, dir, (r) => r.t > now.getTime() - 30 * 86_400_000);
        expect(pages).toBe(Math.ceil(want.length / 23));
        expect(forward).toEqual(want);
        expect(backward).toEqual(want);
      });
    }
  }

  it("pages through a filtered and searched list", async () => {
    const since = now.getTime() - 7 * 86_400_000;
    const { forward, backward } = await walk({ period: "7d", changeType: "Files", q: "CONF", sort: "machine" });
    const want = expected("machine", "asc", (r) => r.t > since && r.type === "Files" && r.target.toLowerCase().includes("conf"));
    expect(want.length).toBeGreaterThan(0);
    expect(forward).toEqual(want);
    expect(backward).toEqual(want);
  });

  it("matches a machine name in the search", async () => {
    const { forward } = await walk({ period: "30d", q: "LNX-0001" });
    expect(forward).toEqual(expected("time", "desc", (r) => r.computer === "vm-lnx-0001"));
  });
});

describe("search plans", () => {
  it("finds the same records whether the newest records hold them or the rare-match plan has to", async () => {
    const dialect = databaseKind(t.db);
    for (const term of ["CONF", "lnx-0003", "drv1", "App3", "no-such-thing", "%"]) {
      for (const budget of [1, 5, 100_000]) {
        const rows = await searchByTime(t.db, dialect, term, {
          workspaceId,
          where: sql`"workspaceId" = ${workspaceId}`,
          key: null,
          dir: "desc",
          limit: 1000,
          budget,
        });
        const want = expected(
          "time",
          "desc",
          (r) => r.target.toLowerCase().includes(term.toLowerCase()) || r.computer.includes(term.toLowerCase()),
        );
        expect(
          rows.map((r) => r.id),
          `${term} with a budget of ${budget}`,
        ).toEqual(want);
      }
    }
  });
});

describe("counts over a fleet", () => {
  it("the summary, the timeline and the Servers tab agree with the records for every period", async () => {
    for (const period of ["1h", "24h", "7d", "30d"] as const) {
      const s = await getSummary(t.db, user, workspaceId, { period }, now);
      const since = new Date(s.period.from).getTime();
      const inPeriod = all.filter((r) => r.t > since);
      expect(s.totalChanges, period).toBe(inPeriod.length);
      expect(s.timeline.buckets.reduce((n, b) => n + b.Files + b.Registry + b.WindowsServices, 0)).toBe(inPeriod.length);
      for (const b of s.timeline.buckets) {
        const start = new Date(b.start).getTime();
        const inBucket = inPeriod.filter((r) => r.t >= start && r.t < start + s.timeline.bucketMs);
        expect(b.Files + b.Registry + b.WindowsServices, `${period} bucket ${b.start}`).toBe(inBucket.length);
      }
      const servers = await listServers(t.db, user, workspaceId, { period, limit: 200 }, now);
      expect(servers.total).toBe(12);
      expect(servers.rows.reduce((n, r) => n + r.total, 0)).toBe(inPeriod.length);
      for (const row of servers.rows) {
        expect(row.files, `${period} ${row.name}`).toBe(inPeriod.filter((r) => r.machine === row.name && r.type === "Files").length);
      }
    }
  });
});
