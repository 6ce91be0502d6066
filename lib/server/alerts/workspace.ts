import "server-only";
import type { Db } from "../db";
import { notFound } from "../errors";

/** The workspace's subscription (for the audit trail), or 404. */
export async function subscriptionOf(db: Db, workspaceId: string): Promise<string> {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: { subscriptionId: true } });
  if (!ws) throw notFound("The workspace");
  return ws.subscriptionId;
}

/** Every workspace the user holds a role on, directly or through its subscription. */
export async function readableWorkspaceIds(db: Db, userId: string): Promise<string[]> {
  const assignments = await db.roleAssignment.findMany({ where: { userId }, select: { subscriptionId: true, workspaceId: true } });
  const subs = assignments.flatMap((a) => (a.subscriptionId ? [a.subscriptionId] : []));
  const direct = assignments.flatMap((a) => (a.workspaceId ? [a.workspaceId] : []));
  const rows = await db.workspace.findMany({
    where: { OR: [{ subscriptionId: { in: subs } }, { id: { in: direct } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
