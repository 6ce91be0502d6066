// `npm run bench:query -- [--db sqlite|postgres] [--records N] [--machines N] [--runs N] [--keep] [--reuse <DATABASE_URL> [--workspace <name>]]`
// Logs queries on the dashboard's fixture (1,000 machines, 1,000,000 change records over 30 days by default), run
// in-process through the query service (translation, the read-only reader with its time limit, Log Analytics'
// answer): a machine query as the Servers tab shows it, `summarize count() by Computer, bin(TimeGenerated, 1h)` over
// 30 days, a `has` search, and a join with ConfigurationData; then every row of 30 days exported as CSV through
// the streaming reader and the CSV writer, with rows/s and the process's peak RSS. Targets: portal queries p95
// ≤ 200 ms, the 30-day summarize ≤ 1 s.
import { openDb, type Db } from "@/lib/server/db";
import { buildMachineChangesQuery } from "@/lib/domain/kql";
import { CHANGE_TYPES } from "@/lib/domain/types";
import { runQuery } from "@/lib/server/logs/run-query";
import { queryCsv } from "@/lib/server/logs/query-export";
import { benchDbKind, flag, option } from "./bench-args";
import { populateFleet } from "./bench-fleet";
import { freshDatabase, percentile } from "./bench-server";
import { run } from "./proc";

// --workspace names the fleet's workspace in a database built elsewhere (bench:api's is contoso-bench-eastus).
const WORKSPACE = option("workspace") ?? "contoso-bench-query";
const say = (msg: string) => process.stderr.write(`[bench:query] ${msg}\n`);
const kind = benchDbKind();
const records = Number(option("records") ?? 1_000_000);
const machines = Number(option("machines") ?? 1000);
const runs = Number(option("runs") ?? 20);
const reuse = option("reuse");
const SEARCH_TERMS = ["drv12", "App7", "sshd_config", "no-such-path"];

type Measured = { p50: number; p95: number; rows: number };

async function time(
  label: string,
  queries: (i: number) => { query: string; timespan?: string },
  db: Db,
  workspaceId: string,
): Promise<Measured> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = -2; i < runs; i++) {
    const started = performance.now();
    const res = await runQuery(db, workspaceId, queries(i + 2));
    const took = performance.now() - started;
    if (i >= 0) {
      ms.push(took);
      rows += res.tables[0].rows.length;
    }
  }
  ms.sort((a, b) => a - b);
  const m = { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)), rows: Math.round(rows / runs) };
  say(`${label}: p50 ${m.p50} ms, p95 ${m.p95} ms, ${m.rows.toLocaleString("en-US")} rows on average`);
  return m;
}

async function exportAll(db: Db, workspaceId: string): Promise<{ rowsPerSecond: number; peakMb: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = queryCsv(db, workspaceId, {
    query:
      "ConfigurationChange | project TimeGenerated, Computer, ConfigChangeType, ChangeCategory, FileSystemPath, RegistryKey, SvcName, Name",
    timespan: "P31D",
  });
  const reader = res.body!.getReader();
  let bytes = 0;
  let lines = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    for (const b of chunk.value) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rows = lines - 1;
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  say(
    `export: ${rows.toLocaleString("en-US")} rows, ${mb(bytes)} MB of CSV in ${seconds.toFixed(1)} s; RSS ${mb(before)} MB before, peak ${mb(peak)} MB`,
  );
  return { rowsPerSecond: Math.round(rows / seconds), peakMb: mb(peak) };
}

async function measure(url: string) {
  const db = await openDb(url);
  try {
    const ws = await db.workspace.findFirstOrThrow({ where: { name: WORKSPACE } });
    const total = await db.changeRecord.count({ where: { workspaceId: ws.id } });
    const names = (await db.machine.findMany({ where: { workspaceId: ws.id }, select: { name: true }, orderBy: { name: "asc" } })).map(
      (m) => m.name,
    );
    const machine = (i: number) => names[(i * 37) % names.length];
    const lit = (s: string) => JSON.stringify(s);
    const m = await time("machine query (7d)", (i) => ({ query: buildMachineChangesQuery(machine(i), "7d", CHANGE_TYPES) }), db, ws.id);
    const s = await time(
      "summarize count() by Computer, bin(TimeGenerated, 1h) over 30 days",
      () => ({ query: "ConfigurationChange | where TimeGenerated > ago(30d) | summarize count() by Computer, bin(TimeGenerated, 1h)" }),
      db,
      ws.id,
    );
    const h = await time(
      "has search (7d)",
      (i) => ({
        query: `ConfigurationChange | where FileSystemPath has ${lit(SEARCH_TERMS[i % SEARCH_TERMS.length])} | project TimeGenerated, Computer, FileSystemPath, ChangeCategory`,
        timespan: "P7D",
      }),
      db,
      ws.id,
    );
    const j = await time(
      "join with ConfigurationData (one machine, 7d)",
      (i) => ({
        query: `ConfigurationChange | where Computer == ${lit(machine(i))} and TimeGenerated > ago(7d) and ConfigChangeType == "Files" | join kind=inner (ConfigurationData | where Computer == ${lit(machine(i))}) on Computer, FileSystemPath | project TimeGenerated, Computer, FileSystemPath, ChangeCategory, CurrentSize = Size1`,
      }),
      db,
      ws.id,
    );
    const e = await exportAll(db, ws.id);
    console.log(
      `bench:query db=${kind} records=${total} machine_p95_ms=${m.p95} summarize_p95_ms=${s.p95} search_p95_ms=${h.p95} join_p95_ms=${j.p95} export_rows_per_s=${e.rowsPerSecond} export_peak_mb=${e.peakMb}`,
    );
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const fresh = reuse ? null : await freshDatabase(kind, "vigil_bench_query");
  const url = reuse ?? fresh!.url;
  try {
    if (fresh) {
      say(`populating ${kind} ${url}: ${machines} machines, ${records.toLocaleString("en-US")} change records over 30 days`);
      await populateFleet(url, { kind, workspace: WORKSPACE, records, machines, say });
      // Measured in a process of its own: generating the fleet leaves this one's memory high, hiding the export's.
      await run(
        process.execPath,
        [...process.execArgv, process.argv[1], "--db", kind, "--runs", String(runs), "--workspace", WORKSPACE, "--reuse", url],
        { env: process.env },
      );
      return;
    }
    await measure(url);
  } finally {
    if (fresh && !flag("keep")) await fresh.drop();
    else if (fresh) say(`kept the database: --reuse ${url}`);
  }
}

await main();
