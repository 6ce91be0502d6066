// The benches' fixture, as bench:api builds it: the demo tenant, one workspace with FIM on, and a fleet of machines
// whose changes (and inventory) are written through commitScan over 30 days, then statistics as a maintained
// database has them.
import { openDb } from "@/lib/server/db";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import type { DbKind } from "./bench-server";
import { migrate } from "./bench-server";

export type FleetOptions = { kind: DbKind; workspace: string; records: number; machines: number; say: (msg: string) => void };

export async function populateFleet(url: string, o: FleetOptions): Promise<void> {
  await migrate(url);
  const db = await openDb(url);
  try {
    await seedDemoTenant(db);
    const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
    const ws = await db.workspace.create({
      data: {
        subscriptionId: sub.id,
        name: o.workspace,
        resourceGroup: "rg-bench",
        location: "East US",
        fimEnabled: true,
        fimEnabledAt: new Date(),
      },
    });
    const started = Date.now();
    let last = 0;
    await generateFleet(db, {
      workspaceId: ws.id,
      machines: o.machines,
      records: o.records,
      days: 30,
      now: new Date(),
      // PostgreSQL commits scans of distinct machines in parallel (the pool has 10 connections); SQLite has one writer.
      concurrency: o.kind === "postgres" ? 8 : 1,
      onProgress: (n) => {
        if (n - last < o.records / 20 && n < o.records) return;
        last = n;
        o.say(`${n.toLocaleString("en-US")} records written (${Math.round((Date.now() - started) / 1000)} s)`);
      },
    });
    await db.$executeRawUnsafe(o.kind === "postgres" ? "VACUUM ANALYZE" : "ANALYZE");
  } finally {
    await db.$disconnect();
  }
}
