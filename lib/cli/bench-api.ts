// `npm run bench:api -- [--db sqlite|postgres] [--records N] [--machines N] [--keep] [--reuse <DATABASE_URL>] [--setup-only]`
// A fresh database with a fleet whose changes are written through commitScan (the scanner's write path), the
// production build served by `next start`, and p50/p95 of the dashboard's endpoints over HTTP.
//   --keep        keep the generated database and print its URL (generating a million records takes several minutes),
//                 --reuse <url> measures such a database again, --setup-only generates without measuring.
// PostgreSQL databases are created next to BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { openDb, type Db } from "@/lib/server/db";
import { rebuildChangeCounts } from "@/lib/server/changes/hourly";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { DEMO_PASSWORD } from "@/lib/server/seed/demo-tenant";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { buildIsStale } from "./build-state";
import { run } from "./proc";
import { measureEndpoints, printResults } from "./bench-measure";

const root = process.cwd();
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
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

type Fresh = { url: string; drop: () => Promise<void> };

async function freshDatabase(): Promise<Fresh> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bench-"));
    return { url: `file:${path.join(dir, "vigil.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `vigil_bench_${crypto.randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function populate(url: string) {
  await run(process.execPath, [path.join(root, "prisma/migrate.mjs"), "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = await openDb(url);
  try {
    await seedDemoTenant(db);
    const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
    const ws = await db.workspace.create({
      data: { subscriptionId: sub.id, name: BENCH_WORKSPACE, resourceGroup: "rg-bench", location: "East US", fimEnabled: true, fimEnabledAt: new Date() },
    });
    const started = Date.now();
    let last = 0;
    await generateFleet(db, {
      workspaceId: ws.id,
      machines,
      records,
      days: 30,
      now: new Date(),
      // PostgreSQL commits scans of distinct machines in parallel (the pool has 10 connections); SQLite has one writer.
      concurrency: kind === "postgres" ? 8 : 1,
      onProgress: (n) => {
        if (n - last < records / 20 && n < records) return;
        last = n;
        say(`${n.toLocaleString("en-US")} records written (${Math.round((Date.now() - started) / 1000)} s)`);
      },
    });
    await analyze(db);
  } finally {
    await db.$disconnect();
  }
}

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
    const columns = [["ChangeRecord", "timeGenerated"], ["Scan", "startedAt"], ["Scan", "finishedAt"], ["Machine", "lastReportAt"]];
    for (const [table, column] of columns) {
      if (kind === "postgres") {
        await db.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = "${column}" + ($1 || ' milliseconds')::interval WHERE "${column}" IS NOT NULL`, String(lag));
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: "owner@contoso.com", password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

async function main() {
  const fresh = reuse ? null : await freshDatabase();
  const url = reuse ?? fresh!.url;
  let server: ChildProcess | null = null;
  try {
    if (fresh) {
      say(`populating ${kind} ${url}: ${machines} machines, ${records.toLocaleString("en-US")} change records over 30 days`);
      await populate(url);
    }
    if (flag("setup-only")) return;
    await alignToNow(url);

    const env = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" };
    if (buildIsStale(root)) {
      say(`building the production app into ${DIST_DIR}`);
      // next build adds its output folder to tsconfig.json's include list; the checkout's file stays as it was.
      const tsconfig = fs.readFileSync(path.join(root, "tsconfig.json"), "utf8");
      try {
        await run(path.join(root, "node_modules/.bin/next"), ["build"], { env, stdio: "ignore" });
      } finally {
        fs.writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
      }
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...env, DATABASE_URL: url, BETTER_AUTH_URL: base, VIGIL_DISABLE_RATE_LIMIT: "1" },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    await waitFor(`${base}/sign-in`, server);
    const cookie = await signIn(base);

    const db = await openDb(url);
    const ws = await db.workspace.findFirstOrThrow({ where: { name: BENCH_WORKSPACE } });
    const total = await db.changeRecord.count({ where: { workspaceId: ws.id } });
    await db.$disconnect();

    const results = await measureEndpoints({ base, cookie, workspaceId: ws.id, say });
    printResults(results, { db: kind, records: total });
  } finally {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    if (fresh && !flag("keep")) await fresh.drop();
    else if (fresh) say(`kept the database: --reuse ${url}`);
  }
}

await main();
