import "server-only";
import type { Db } from "../db";
import { recordAudit } from "../audit";
import { AppError, notFound } from "../errors";
import { writeTransaction } from "../tx";
import { authorizeSubscription } from "../permissions";
import type { TCurrentUser } from "../session";

/** Upgrades the subscription of a workspace to Defender for Servers Plan 2 (an Owner of the subscription only). */
export async function upgradePlan(db: Db, user: TCurrentUser, workspaceId: string) {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, include: { subscription: true } });
  if (!ws) throw notFound("The workspace");
  await authorizeSubscription(db, user, ws.subscriptionId, "plan.upgrade");

  // The conditional update below is the first statement: it takes the write lock before anything is read.
  return writeTransaction(db, async (tx) => {
    // Conditional update: a double submit or a stale page finds nothing left to upgrade.
    const { count } = await tx.subscription.updateMany({
      where: { id: ws.subscriptionId, plan: { not: "DEFENDER_SERVERS_P2" } },
      data: { plan: "DEFENDER_SERVERS_P2", planChangedAt: new Date(), planChangedById: user.id },
    });
    if (count === 0) {
      throw new AppError(
        "conflict",
        `The subscription "${ws.subscription.name}" is already protected by Microsoft Defender for Servers Plan 2.`,
      );
    }
    await recordAudit(tx, user, {
      action: "plan.upgrade",
      subscriptionId: ws.subscriptionId,
      workspaceId: ws.id,
      targetType: "subscription",
      targetId: ws.subscriptionId,
      summary: `Upgraded subscription "${ws.subscription.name}" to Defender for Servers Plan 2`,
      details: { from: ws.subscription.plan, to: "DEFENDER_SERVERS_P2" },
    });
    return { subscriptionId: ws.subscriptionId, plan: "DEFENDER_SERVERS_P2" as const };
  });
}
