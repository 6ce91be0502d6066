// `npm run bench:review -- [--db sqlite|postgres] [--records N]`
// The bulk review's cost: a fresh database with N (default 100,000) Files changes of the last 7 days among 20,000
// others, then "mark every Files change of the last 7 days as Expected" through the same service the API calls,
// timed end to end (count, history rows, update, audit event). The target is 10 s for 100,000 on both databases.
import os from "node:os";
import { openDb } from "@/lib/server/db";
import { reviewChanges } from "@/lib/server/changes/review";
import { insertRows, newId } from "@/lib/server/ingest/bulk-insert";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { writeRawTransaction } from "@/lib/server/tx";
import { freshDatabase, migrate } from "./bench-server";

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const kind = (option("db") ?? "sqlite") as "sqlite" | "postgres";
const records = Number(option("records") ?? 100_000);
const others = 20_000;
const MACHINES = 50;
const COLUMNS = ["id", "workspaceId", "machineId", "computer", "timeGenerated", "changeType", "category", "target", "scanId", "seq"];

const target = await freshDatabase(kind, "vigil_bench_review");
try {
  await migrate(target.url);
  const db = await openDb(target.url);
  await seedDemoTenant(db);
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@contoso.com" }, select: { id: true, email: true, name: true } });
  const ws = await db.workspace.create({
    data: { subscriptionId: sub.id, name: "bench-review", location: "East US", fimEnabled: true, fimEnabledAt: new Date() },
  });
  const machines = await Promise.all(
    Array.from({ length: MACHINES }, (_, i) =>
      db.machine.create({ data: { workspaceId: ws.id, name: `vm-${i}`, osFamily: "LINUX", osVersion: "Debian 12", source: "AZURE_VM" } }),
    ),
  );
  const now = Date.now();
  const rows: (string | number | Date)[][] = [];
  for (let i = 0; i < records + others; i++) {
    const m = machines[i % MACHINES];
    const files = i < records;
    const at = new Date(now - 60_000 - Math.floor((i / (records + others)) * 6.9 * 86_400_000));
    rows.push([
      newId(),
      ws.id,
      m.id,
      m.name,
      at,
      files ? "Files" : "Registry",
      "Modified",
      `/usr/bin/tool-${i % 5000}`,
      `scan-${i >> 10}`,
      i,
    ]);
  }
  const loadStart = performance.now();
  await writeRawTransaction(db, (tx) => insertRows(tx, "ChangeRecord", COLUMNS, rows), { timeout: 600_000 });
  const loadMs = performance.now() - loadStart;

  const filter = { period: "7d" as const, changeType: "Files" as const };
  const timed = async (state: "Expected" | "Suspicious") => {
    const started = performance.now();
    const result = await reviewChanges(db, owner, ws.id, filter, { state, comment: "bench" });
    return { ms: performance.now() - started, ...result };
  };
  const first = await timed("Expected");
  const second = await timed("Suspicious");
  const history = await db.changeReview.count({ where: { workspaceId: ws.id } });
  await db.$disconnect();
  console.log(
    `bench:review db=${kind} records=${records + others} loaded_in_s=${(loadMs / 1000).toFixed(1)} ` +
      `expected: matched=${first.matched} updated=${first.updated} seconds=${(first.ms / 1000).toFixed(2)} ` +
      `suspicious: updated=${second.updated} seconds=${(second.ms / 1000).toFixed(2)} history_rows=${history} load=${os.loadavg()[0].toFixed(1)}`,
  );
  if (first.updated !== records || second.updated !== records) throw new Error("the bulk review did not update every matching change");
} finally {
  await target.drop();
}
