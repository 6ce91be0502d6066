// Seeds the demo into the configured database: the tenant, this host's workspace and a month of simulated
// history. Every step is a no-op when already done.
import { simulatedAgent } from "@/lib/scanner/agents/simulated";
import { backfillHistory } from "@/lib/scanner/history";
import { activityBetween } from "@/lib/scanner/sim";
import { getDb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { ensureLocalHost } from "@/lib/server/seed/local-host";
import { seedDemoTenant } from "@/lib/server/seed/seed";

const db = await getDb();
const wrote = await seedDemoTenant(db);
log.info(wrote ? "demo tenant seeded" : "demo tenant already present", { tenant: "Contoso" });
await ensureLocalHost(db);
const t0 = Date.now();
const history = await backfillHistory(db, { agent: simulatedAgent, activityBetween, days: Number(process.env.VIGIL_HISTORY_DAYS ?? 30) });
log.info("history", { ...history, ms: Date.now() - t0 });
await db.$disconnect();
