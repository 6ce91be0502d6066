// `npm run bench:api -- [--db sqlite|postgres] [--records N] [--machines N] [--keep] [--reuse <DATABASE_URL>] [--setup-only]`
// A fresh database with a fleet whose changes are written through commitScan (the scanner's write path), the
// production build served as `npm start` serves it, and p50/p95 of the dashboard's endpoints over HTTP.
//   --keep        keep the generated database and print its URL (generating a million records takes several minutes),
//                 --reuse <url> measures such a database again, --setup-only generates without measuring.
// PostgreSQL databases are created next to BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { populateFleet } from "./bench-fleet";
import { openDb, type Db } from "@/lib/server/db";
import { rebuildChangeCounts } from "@/lib/server/changes/hourly";
import { buildIfStale, freshDatabase, signIn, startServer, stopServer, type Instance } from "./bench-server";
import { measureEndpoints, printResults } from "./bench-measure";

const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
// Its own build folder, so it neither uses nor disturbs the build of `npm start` or of an e2e run.
process.env.NEXT_DIST_DIR = DIST_DIR;
export const BENCH_WORKSPACE = "contoso-bench-eastus";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const say = (msg: string) => process.stderr.write(`[bench:api] ${msg}\n`);

const kind = (option("db") ?? "sqlite") as "sqlite" | "postgres";
if (kind !== "sqlite" && kind !== "postgres") throw new Error("--db is sqlite or postgres");
const records = Number(option("records") ?? 1_000_000);
const machines = Number(option("machines") ?? 1000);
const reuse = option("reuse");

const populate = (url: string) => populateFleet(url, { kind, workspace: BENCH_WORKSPACE, records, machines, say });

/** Statistics as a maintained database has them (autovacuum on PostgreSQL; SQLite's ANALYZE). */
async function analyze(db: Db) {
  if (kind === "postgres") await db.$executeRawUnsafe("VACUUM ANALYZE");
  else await db.$executeRawUnsafe("ANALYZE");
}

/**
 * Generating a million records takes a while (minutes), so the newest are that old when measuring
 * starts and "Last hour" would be empty. Every timestamp moves forward by that lag, the whole history at once:
 * counts, order and spacing stay what commitScan wrote, and the newest change is a minute old again.
 */
async function alignToNow(url: string) {
  const db = await openDb(url);
  try {
    const newest = await db.changeRecord.aggregate({ _max: { timeGenerated: true } });
    const lag = Date.now() - 60_000 - (newest._max.timeGenerated?.getTime() ?? Date.now());
    if (lag < 60_000) return;
    say(`moving every timestamp ${Math.round(lag / 60_000)} minutes forward, to now`);
    const columns = [
      ["ChangeRecord", "timeGenerated"],
      ["Scan", "startedAt"],
      ["Scan", "finishedAt"],
      ["Machine", "lastReportAt"],
    ];
    for (const [table, column] of columns) {
      if (kind === "postgres") {
        await db.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = "${column}" + ($1 || ' milliseconds')::interval WHERE "${column}" IS NOT NULL`,
          String(lag),
        );
      } else {
        // SQLite keeps Prisma's ISO text (…T…Z as "+00:00"); its date functions read and write that shape.
        await db.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = strftime('%Y-%m-%dT%H:%M:%f', "${column}", '+' || (? / 1000.0) || ' seconds') || '+00:00' WHERE "${column}" IS NOT NULL`,
          lag,
        );
      }
    }
    // The hourly counts follow the records they count (commitScan keeps them; this moved the records).
    await rebuildChangeCounts(db, kind);
    await analyze(db);
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const fresh = reuse ? null : await freshDatabase(kind);
  const url = reuse ?? fresh!.url;
  let server: Instance | null = null;
  try {
    if (fresh) {
      say(`populating ${kind} ${url}: ${machines} machines, ${records.toLocaleString("en-US")} change records over 30 days`);
      await populate(url);
    }
    if (flag("setup-only")) return;
    await alignToNow(url);

    await buildIfStale(DIST_DIR, say);
    server = await startServer(DIST_DIR, { DATABASE_URL: url, VIGIL_DISABLE_RATE_LIMIT: "1" });
    const base = server.base;
    const cookie = await signIn(base);

    const db = await openDb(url);
    const ws = await db.workspace.findFirstOrThrow({ where: { name: BENCH_WORKSPACE } });
    const total = await db.changeRecord.count({ where: { workspaceId: ws.id } });
    await db.$disconnect();

    const results = await measureEndpoints({ base, cookie, workspaceId: ws.id, say });
    printResults(results, { db: kind, records: total });
  } finally {
    stopServer(server);
    if (fresh && !flag("keep")) await fresh.drop();
    else if (fresh) say(`kept the database: --reuse ${url}`);
  }
}

await main();
