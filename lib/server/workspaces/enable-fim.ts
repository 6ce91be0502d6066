import "server-only";
import { RECOMMENDED_ENTITIES, recommendedKey } from "@/lib/domain/recommended";
import type { Db } from "../db";
import { recordAudit } from "../audit";
import { AppError, notFound } from "../errors";
import { recommendedEntityRows } from "../entities/recommended-rows";
import { writeTransaction } from "../tx";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";

/**
 * Enables FIM on a workspace with the recommended entities the user kept checked. Collection starts on the
 * scanner's next pass, which looks for enabled workspaces every few seconds.
 */
export async function enableFim(db: Db, user: TCurrentUser, workspaceId: string, selectedKeys: readonly string[]) {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, include: { subscription: true } });
  if (!ws) throw notFound("The workspace");
  await authorizeWorkspace(db, user, workspaceId, "fim.enable");
  if (ws.subscription.plan !== "DEFENDER_SERVERS_P2") {
    throw new AppError(
      "conflict",
      `File integrity monitoring needs Microsoft Defender for Servers Plan 2. Upgrade the subscription "${ws.subscription.name}" first.`,
    );
  }
  const selected = new Set(selectedKeys);
  const entities = RECOMMENDED_ENTITIES.filter((e) => selected.has(recommendedKey(e)));

  // The conditional update below is the first statement: it takes the write lock before anything is read.
  return writeTransaction(db, async (tx) => {
    const now = new Date();
    // Conditional update: of two submits, or a page that is out of date, only one can enable.
    const { count } = await tx.workspace.updateMany({
      where: { id: ws.id, fimEnabled: false },
      data: { fimEnabled: true, fimEnabledAt: now, fimEnabledById: user.id, configVersion: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", `File integrity monitoring is already enabled on "${ws.name}".`);
    // Entities left behind by an earlier configuration would clash with the recommended ones.
    await tx.trackedEntity.deleteMany({ where: { workspaceId: ws.id } });
    if (entities.length) await tx.trackedEntity.createMany({ data: recommendedEntityRows(ws.id, user.id, entities) });
    await recordAudit(tx, user, {
      action: "fim.enable",
      subscriptionId: ws.subscriptionId,
      workspaceId: ws.id,
      targetType: "workspace",
      targetId: ws.id,
      summary: `Enabled file integrity monitoring with ${entities.length} of ${RECOMMENDED_ENTITIES.length} recommended entities`,
      details: { left_out: RECOMMENDED_ENTITIES.filter((e) => !selected.has(recommendedKey(e))).map((e) => e.path) },
    });
    return { workspaceId: ws.id, entities: entities.length };
  });
}
