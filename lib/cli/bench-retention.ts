// `npm run bench:retention -- [--db sqlite|postgres] [--records 1000000] [--fresh 100000] [--dist .next-load]
//                              [--no-build] [--keep] [--batch N] [--pause-ms N] [--default-partition]`
// A fresh database holds --records change records older than the workspace's 90-day retention (spread over 30
// days, with their hourly counts) and --fresh records of the last 24 hours. The retention purge (the worker's,
// lib/server/retention/purge.ts) deletes the expired ones (on PostgreSQL, drops their monthly partitions) while a
// probe times the dashboard (the web process of the production build) on the same database. The last line is the
// summary:
//   bench:retention db=<sqlite|postgres> purged=<n> purge_s=<x> summary_p95_ms=<n> tabs_p95_ms=<n>
import os from "node:os";
import { openDb, type Db } from "@/lib/server/db";
import { ensureChangePartitions } from "@/lib/server/retention/partitions";
import { purgeExpired } from "@/lib/server/retention/purge";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import {
  buildIfStale,
  freshDatabase,
  migrate,
  percentile,
  probeDashboard,
  signIn,
  startServer,
  stopServer,
  type Instance,
} from "./bench-server";
import { benchDbKind, flag, option } from "./bench-args";

const say = (msg: string) => process.stderr.write(`[bench:retention] ${msg}\n`);
const kind = benchDbKind();
const RECORDS = Number(option("records") ?? 1_000_000);
const FRESH = Number(option("fresh") ?? 100_000);
const BASELINE_S = Number(option("baseline-seconds") ?? 20);
// The worker's pace unless told otherwise: purgeExpired's batch size for the database, 20 ms pauses between batches.
const BATCH = option("batch") === undefined ? undefined : Number(option("batch"));
const PAUSE_MS = Number(option("pause-ms") ?? 20);
const DIST_DIR = option("dist") ?? process.env.NEXT_DIST_DIR ?? ".next-load";
const DAY = 86_400_000;

/**
 * `count` records of the workspace's machines, evenly from `fromMs` over `spanMs`, written by the database itself
 * (a recursive CTE on SQLite, generate_series on PostgreSQL): the setup is not what is measured.
 */
async function generate(db: Db, workspaceId: string, prefix: string, count: number, fromMs: number, spanMs: number) {
  const machines = await db.machine.findMany({ where: { workspaceId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const step = spanMs / count;
  const perMachine = Math.ceil(count / machines.length);
  for (const [k, m] of machines.entries()) {
    const lo = k * perMachine;
    const hi = Math.min(count, lo + perMachine) - 1;
    if (lo > hi) break;
    const cols = `"id", "workspaceId", "machineId", "computer", "timeGenerated", "changeType", "category", "target", "scanId", "seq"`;
    if (kind === "sqlite") {
      await db.$executeRawUnsafe(
        `WITH RECURSIVE s(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM s WHERE n < ?)
         INSERT INTO "ChangeRecord" (${cols})
         SELECT ? || n, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%f', (? + n * ?) / 1000.0, 'unixepoch') || '+00:00', 'Files',
           CASE n % 3 WHEN 0 THEN 'Modified' WHEN 1 THEN 'Added' ELSE 'Removed' END, '/etc/app/f' || (n % 5000) || '.conf',
           ? || (n / 50), n % 50 FROM s`,
        lo,
        hi,
        prefix,
        workspaceId,
        m.id,
        m.name,
        fromMs,
        step,
        prefix,
      );
    } else {
      await db.$executeRawUnsafe(
        `INSERT INTO "ChangeRecord" (${cols})
         SELECT $1 || n, $2, $3, $4, to_timestamp(($5::float8 + n * $6::float8) / 1000.0), 'Files',
           (CASE n % 3 WHEN 0 THEN 'Modified' WHEN 1 THEN 'Added' ELSE 'Removed' END)::"ChangeCategory",
           '/etc/app/f' || (n % 5000) || '.conf', $1 || (n / 50), n % 50 FROM generate_series($7::int, $8::int) AS n`,
        prefix,
        workspaceId,
        m.id,
        m.name,
        fromMs,
        step,
        lo,
        hi,
      );
    }
  }
}

/** The hourly counts of every record, as the commit keeps them. */
async function countHours(db: Db) {
  const hour = kind === "sqlite" ? `substr("timeGenerated", 1, 13) || ':00:00.000+00:00'` : `date_trunc('hour', "timeGenerated")`;
  const tables = [
    ["ChangeCount", `"changeType", "category"`, `"changeType", "category"`],
    ["ChangeReviewCount", `"reviewState", "attribution"`, `"reviewState", ''`],
  ];
  for (const [table, columns, values] of tables)
    await db.$executeRawUnsafe(`INSERT INTO "${table}" ("machineId", "workspaceId", "hour", ${columns}, "count")
      SELECT "machineId", "workspaceId", ${hour}, ${values}, COUNT(*) FROM "ChangeRecord"
      GROUP BY "machineId", "workspaceId", ${hour}, ${values.replace(", ''", "")}`);
}

async function main() {
  const fresh = await freshDatabase(kind, "vigil_retention");
  let server: Instance | null = null;
  try {
    say(`fresh ${kind} database ${fresh.url}`);
    await migrate(fresh.url);
    const db = await openDb(fresh.url);
    await seedDemoTenant(db);
    const ws = await db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-eastus" } });
    await db.changeRecord.deleteMany({});
    await db.changeCount.deleteMany({});
    await db.changeReviewCount.deleteMany({});
    const now = Date.now();
    const t0 = performance.now();
    // The monthly partitions a worker running since then would have made ahead of the expired records (the
    // migration of this fresh database made this month's and the next two). With --default-partition they are left
    // out: the expired records sit in the default partition and go by batched deletes (the baseline).
    const expiredFrom = now - (ws.retentionDays + 31) * DAY;
    if (kind === "postgres" && !flag("default-partition")) await ensureChangePartitions(db, new Date(expiredFrom));
    await generate(db, ws.id, "x", RECORDS, expiredFrom, 30 * DAY);
    await generate(db, ws.id, "k", FRESH, now - DAY, DAY - 60_000);
    await countHours(db);
    say(
      `wrote ${RECORDS.toLocaleString("en-US")} expired and ${FRESH.toLocaleString("en-US")} fresh records in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (kind === "postgres") await db.$executeRawUnsafe("ANALYZE");

    await buildIfStale(DIST_DIR, say, { skip: flag("no-build") });
    server = await startServer(DIST_DIR, { DATABASE_URL: fresh.url, VIGIL_SIGNIN_RATE_MAX: "1000" });
    const cookie = await signIn(server.base);
    const errors: string[] = [];
    // Warm (the first requests of a fresh server compile and load), then a baseline of the same probe without a
    // purge, so that what the purge costs the dashboard is told apart from what the machine's load costs it.
    const quietUntil = Date.now() + BASELINE_S * 1000;
    await probeDashboard(
      server.base,
      cookie,
      ws.id,
      "24h",
      () => Date.now() > quietUntil - (BASELINE_S * 1000) / 2,
      () => {},
    );
    const quiet = await probeDashboard(
      server.base,
      cookie,
      ws.id,
      "24h",
      () => Date.now() > quietUntil,
      (e) => errors.push(e),
    );
    let purging = true;
    const load0 = os.loadavg()[0];
    const probing = probeDashboard(
      server.base,
      cookie,
      ws.id,
      "24h",
      () => !purging,
      (e) => errors.push(e),
    );
    const p0 = performance.now();
    const result = await purgeExpired(db, { batchSize: BATCH, pauseMs: PAUSE_MS });
    const purgeS = (performance.now() - p0) / 1000;
    purging = false;
    const dash = await probing;
    const left = await db.changeRecord.count();
    await db.$disconnect();

    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const summaryP95 = percentile(sorted(dash.summary), 95);
    const tabsP95 = percentile(sorted([...dash.servers, ...dash.changes]), 95);
    console.log(`database                 ${kind}`);
    console.log(
      `purged                   ${result.records} records (${result.partitions} monthly partition${result.partitions === 1 ? "" : "s"} dropped whole), ${result.changeCounts} hourly counts, ${result.reviewCounts} hourly review counts`,
    );
    console.log(`left                     ${left} records (expected ${FRESH})`);
    console.log(`purge                    ${purgeS.toFixed(1)} s = ${Math.round(result.records / purgeS)} records/s`);
    console.log(
      `dashboard during purge   summary p95 ${summaryP95.toFixed(1)} ms (n=${dash.summary.length}), Servers p95 ${percentile(sorted(dash.servers), 95).toFixed(1)} ms, Changes p95 ${percentile(sorted(dash.changes), 95).toFixed(1)} ms`,
    );
    console.log(
      `dashboard before purge   summary p95 ${percentile(sorted(quiet.summary), 95).toFixed(1)} ms (n=${quiet.summary.length}), Servers p95 ${percentile(sorted(quiet.servers), 95).toFixed(1)} ms, Changes p95 ${percentile(sorted(quiet.changes), 95).toFixed(1)} ms`,
    );
    console.log(`dashboard errors         ${errors.length ? errors.join(", ") : "none"}`);
    console.log(`load average (1 min)     ${load0.toFixed(2)} / ${os.loadavg()[0].toFixed(2)} on ${os.availableParallelism()} cores`);
    console.log(
      `bench:retention db=${kind} purged=${result.records} purge_s=${purgeS.toFixed(1)} summary_p95_ms=${Math.round(summaryP95)} tabs_p95_ms=${Math.round(tabsP95)}`,
    );
    process.exitCode = left !== FRESH || errors.length ? 1 : 0;
  } finally {
    stopServer(server);
    if (!flag("keep")) await fresh.drop();
    else say(`kept the database: ${fresh.url}`);
  }
}

await main();
