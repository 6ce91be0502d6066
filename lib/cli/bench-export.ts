// `npm run bench:export -- [--db sqlite|postgres] [--records N] [--machines N] [--keep] [--reuse <DATABASE_URL>]`
// A fresh database with a fleet whose changes are written through commitScan (as bench:api builds it), then every
// change exported as CSV through the endpoint's own code path (exportChanges → csvResponse: keyset pages, the CSV
// writer, the web ReadableStream) into a reader that discards the bytes as fast as it gets them. Prints rows/s and
// the process's peak RSS during the export (sampled every 20 ms). Target: ≥ 100,000 rows/s under 300 MB.
// It also prints the heap's high-water mark and rows per CPU-second of this process (on a shared machine the wall
// clock counts other processes' turns too). V8 lets garbage pile up while memory is free: with
// NODE_OPTIONS=--max-old-space-size=96 the same export finishes in a 96 MB heap, showing its working set.
import { populateFleet } from "./bench-fleet";
import { openDb, type Db } from "@/lib/server/db";
import { CHANGE_COLUMNS, exportChanges } from "@/lib/server/export/changes-export";
import { csvResponse } from "@/lib/server/export/download";
import { benchDbKind, flag, option } from "./bench-args";
import { freshDatabase } from "./bench-server";
import { run } from "./proc";

const WORKSPACE = "contoso-bench-export";
const DAY = 86_400_000;
const say = (msg: string) => process.stderr.write(`[bench:export] ${msg}\n`);
const kind = benchDbKind();
const records = Number(option("records") ?? 1_000_000);
const machines = Number(option("machines") ?? 1000);
const reuse = option("reuse");

const populate = (url: string) => populateFleet(url, { kind, workspace: WORKSPACE, records, machines, say });

/** Counts the rows as they pass, so the figure is what was written, not what the database holds. */
async function* counted<T>(rows: AsyncIterable<T>, seen: { n: number }): AsyncGenerator<T> {
  for await (const row of rows) {
    seen.n++;
    yield row;
  }
}

async function measure(db: Db) {
  const ws = await db.workspace.findFirstOrThrow({ where: { name: WORKSPACE } });
  const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@contoso.com" } });
  const total = await db.changeRecord.count({ where: { workspaceId: ws.id } });
  const now = new Date();
  // A custom range over the whole fleet (generated up to some minutes ago, over 30 days), as a user would pick it.
  const filter = { from: new Date(now.getTime() - 31 * DAY).toISOString(), to: now.toISOString() };

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const cpu = process.cpuUsage();
  const seen = { n: 0 };
  const started = performance.now();
  const file = await exportChanges(db, { id: owner.id, email: owner.email, name: owner.name }, ws.id, filter, now);
  const res = csvResponse(CHANGE_COLUMNS, { name: file.name, rows: counted(file.rows, seen) });
  const reader = res.body!.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();

  if (seen.n !== total) throw new Error(`exported ${seen.n} rows of ${total}`);
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  say(`${file.name}: ${seen.n.toLocaleString("en-US")} rows, ${mb(bytes)} MB of CSV in ${seconds.toFixed(1)} s`);
  say(
    `RSS before the export ${mb(before.rss)} MB, peak during it ${mb(peak)} MB; heap used before ${mb(before.heapUsed)} MB, peak ${mb(heapPeak)} MB`,
  );
  // On a shared machine the wall clock also counts other processes' turns: the CPU time is this export's own cost.
  const cpuSeconds = (used.user + used.system) / 1e6;
  say(`${cpuSeconds.toFixed(1)} s of CPU in this process: ${Math.round(seen.n / cpuSeconds).toLocaleString("en-US")} rows per CPU-second`);
  console.log(`bench:export db=${kind} rows=${seen.n} export_rows_per_s=${Math.round(seen.n / seconds)} export_peak_mb=${mb(peak)}`);
}

async function main() {
  const fresh = reuse ? null : await freshDatabase(kind, "vigil_bench_export");
  const url = reuse ?? fresh!.url;
  try {
    if (fresh) {
      say(`populating ${kind} ${url}: ${machines} machines, ${records.toLocaleString("en-US")} change records over 30 days`);
      await populate(url);
    }
    if (fresh) {
      // Measured in a process of its own: generating the fleet leaves this one's memory high, hiding the export's.
      const args = [...process.execArgv, process.argv[1], "--db", kind, "--reuse", url];
      await run(process.execPath, args, { env: process.env });
      return;
    }
    const db = await openDb(url);
    try {
      await measure(db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    if (fresh && !flag("keep")) await fresh.drop();
    else if (fresh) say(`kept the database: --reuse ${url}`);
  }
}

await main();
