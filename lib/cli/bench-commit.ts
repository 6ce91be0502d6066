// `node --conditions=react-server --import tsx lib/cli/bench-commit.ts -- [--db sqlite|postgres] [--records N] [--machines N] [--concurrency N]`
// The cost of commitScan, the scanner's one write path: a fresh database, a synthetic fleet written scan by scan
// (generateFleet, as bench:api does), and the time per scan and per change record, wall clock and this process's CPU
// (SQLite works in this process; PostgreSQL's own CPU is not counted). The database is dropped after.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDb } from "@/lib/server/db";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { run } from "./proc";

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const kind = (option("db") ?? "sqlite") as "sqlite" | "postgres";
const records = Number(option("records") ?? 20_000);
const machines = Number(option("machines") ?? 100);
const concurrency = Number(option("concurrency") ?? (kind === "postgres" ? 8 : 1));

async function fresh(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bench-commit-"));
    return { url: `file:${path.join(dir, "vigil.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `vigil_bench_commit_${crypto.randomBytes(5).toString("hex")}`;
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

const target = await fresh();
try {
  await run(process.execPath, [path.resolve("prisma/migrate.mjs"), "deploy"], { env: { ...process.env, DATABASE_URL: target.url }, stdio: "ignore" });
  const db = await openDb(target.url);
  await seedDemoTenant(db);
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = await db.workspace.create({
    data: { subscriptionId: sub.id, name: "bench-commit", location: "East US", fimEnabled: true, fimEnabledAt: new Date() },
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  await generateFleet(db, { workspaceId: ws.id, machines, records, days: 30, now: new Date(), concurrency });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const scans = await db.scan.count({ where: { machine: { workspaceId: ws.id } } });
  const written = await db.changeRecord.count({ where: { workspaceId: ws.id } });
  await db.$disconnect();
  console.log(
    `bench:commit db=${kind} machines=${machines} concurrency=${concurrency} scans=${scans} records=${written} ` +
      `seconds=${(ms / 1000).toFixed(1)} ms_per_scan=${(ms / scans).toFixed(2)} ms_per_record=${(ms / written).toFixed(3)} records_per_s=${Math.round(written / (ms / 1000))} ` +
      `node_cpu_ms_per_record=${(cpuMs / written).toFixed(3)} load=${os.loadavg()[0].toFixed(1)}`,
  );
} finally {
  await target.drop();
}
