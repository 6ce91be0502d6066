// `node --conditions=react-server --import tsx lib/cli/bench-commit.ts -- [--db sqlite|postgres] [--records N] [--machines N] [--concurrency N]`
// The cost of commitScan, the scanner's one write path: a fresh database, a synthetic fleet written scan by scan
// (generateFleet, as bench:api does), and the time per scan and per change record, wall clock and this process's CPU
// (SQLite works in this process; PostgreSQL's own CPU is not counted). The database is dropped after.
import os from "node:os";
import { openDb } from "@/lib/server/db";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { freshDatabase, migrate } from "./bench-server";

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const kind = (option("db") ?? "sqlite") as "sqlite" | "postgres";
const records = Number(option("records") ?? 20_000);
const machines = Number(option("machines") ?? 100);
const concurrency = Number(option("concurrency") ?? (kind === "postgres" ? 8 : 1));

const target = await freshDatabase(kind, "vigil_bench_commit");
try {
  await migrate(target.url);
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
