import "server-only";
import type { TRetentionBody } from "@/lib/contracts/workspaces";
import type { Db } from "../db";
import { recordAudit } from "../audit";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";

/** Sets how long the workspace keeps change data; the worker's next purge applies it (lib/server/retention). */
export async function setRetention(db: Db, user: TCurrentUser, workspaceId: string, body: TRetentionBody) {
  await authorizeWorkspace(db, user, workspaceId, "retention.set");
  const before = await db.workspace.findUnique({ where: { id: workspaceId }, select: { retentionDays: true } });
  if (!before) throw notFound("The workspace");
  // The update is the transaction's first statement (see writeTransaction).
  return writeTransaction(db, async (tx) => {
    const ws = await tx.workspace.update({ where: { id: workspaceId }, data: { retentionDays: body.retentionDays } });
    await recordAudit(tx, user, {
      action: "retention.set",
      subscriptionId: ws.subscriptionId,
      workspaceId: ws.id,
      targetType: "workspace",
      targetId: ws.id,
      summary: `Set change data retention to ${body.retentionDays} days (was ${before.retentionDays})`,
    });
    return { workspaceId: ws.id, retentionDays: ws.retentionDays };
  });
}
