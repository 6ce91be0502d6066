// Seeds the demo tenant into the configured database; a no-op when it is already there.
import { getDb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { seedDemoTenant } from "@/lib/server/seed/seed";

const db = await getDb();
const wrote = await seedDemoTenant(db);
log.info(wrote ? "demo tenant seeded" : "demo tenant already present", { tenant: "Contoso" });
await db.$disconnect();
