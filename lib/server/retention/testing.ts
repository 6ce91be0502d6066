import "server-only";
import type { Db } from "../db";
import { seedDemoTenant } from "../seed/seed";

/**
 * The demo tenant with no change data but what a test writes: every change record and hourly count is deleted, and
 * web-eus-01 forgets its inventory, so that its next scan is a baseline. Answers that machine, its workspace and the
 * tracked entity "/etc/*.conf".
 */
export async function retentionFixture(db: Db) {
  await seedDemoTenant(db);
  const m = await db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
  const entity = await db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/etc/*.conf" } });
  await db.changeRecord.deleteMany({});
  await db.changeCount.deleteMany({});
  await db.changeReviewCount.deleteMany({});
  await db.inventoryItem.deleteMany({ where: { machineId: m.id } });
  await db.entityCollectionState.deleteMany({ where: { machineId: m.id } });
  return { machineId: m.id, workspaceId: m.workspaceId, entityId: entity.id };
}
