import "server-only";
import type { Db } from "../db";
import { recordAudit } from "../audit";
import { AppError, notFound } from "../errors";
import { writeTransaction } from "../tx";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";

/**
 * Disables FIM: removes the Change Tracking configuration (the tracked entities) and stops collection at once.
 * Change records and inventories stay, so the history remains readable.
 */
export async function disableFim(db: Db, user: TCurrentUser, workspaceId: string) {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId } });
  if (!ws) throw notFound("The workspace");
  await authorizeWorkspace(db, user, workspaceId, "fim.disable");

  // The conditional update below is the first statement: it takes the write lock before anything is read.
  return writeTransaction(db, async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: { id: ws.id, fimEnabled: true },
      data: { fimEnabled: false, fimDisabledAt: new Date(), fimDisabledById: user.id, configVersion: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", `File integrity monitoring is not enabled on "${ws.name}".`);
    const removed = await tx.trackedEntity.deleteMany({ where: { workspaceId: ws.id } });
    await recordAudit(tx, user, {
      action: "fim.disable",
      subscriptionId: ws.subscriptionId,
      workspaceId: ws.id,
      targetType: "workspace",
      targetId: ws.id,
      summary: `Disabled file integrity monitoring and removed ${removed.count} tracked entities`,
    });
    return { workspaceId: ws.id, removedEntities: removed.count };
  });
}
