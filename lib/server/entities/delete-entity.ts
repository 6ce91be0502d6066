import "server-only";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import type { TCurrentUser } from "../session";
import { entityTitle } from "./describe";
import { bumpConfigVersion, editableWorkspace, entityInWorkspace, resetBaseline, writeTransaction } from "./guards";

/**
 * Deletes an entity. Its inventory items go with it (the scanner would drop them silently on its next pass anyway:
 * the user stopped tracking them, the machine did not delete them); its change records stay in the history, no
 * longer linked to an entity.
 */
export async function deleteEntity(db: Db, user: TCurrentUser, workspaceId: string, entityId: string) {
  const ws = await editableWorkspace(db, user, workspaceId);
  const entity = await entityInWorkspace(db, ws.id, entityId);
  await writeTransaction(db, async (tx) => {
    await bumpConfigVersion(tx, ws); // first: see writeTransaction
    const dropped = await resetBaseline(tx, entity.id);
    await tx.trackedEntity.delete({ where: { id: entity.id } });
    await recordAudit(tx, user, {
      action: "entity.delete",
      subscriptionId: ws.subscriptionId,
      workspaceId: ws.id,
      targetType: "entity",
      targetId: entity.id,
      summary: `Deleted ${entityTitle(entity)}`,
      details: {
        entity: {
          kind: entity.kind,
          itemName: entity.itemName,
          path: entity.path,
          valueName: entity.valueName,
          enabled: entity.enabled,
          recommended: entity.recommended,
        },
        baselineDropped: dropped,
      },
    });
  });
  return { id: entity.id, deleted: true };
}
