import "server-only";
import { isRole, roleAllows, strongestRole, type TAction, type TRole } from "@/lib/domain/roles";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { sql } from "./changes/sql";
import type { Db } from "./db";
import { forbidden, notFound } from "./errors";
import { readOnDriver } from "./tx";
import type { TCurrentUser } from "./session";

const ACTION_WORDS: Record<TAction, string> = {
  "workspace.read": "view this workspace",
  "plan.upgrade": "upgrade this subscription's plan",
  "fim.enable": "enable file integrity monitoring",
  "fim.disable": "disable file integrity monitoring",
  "entity.edit": "edit tracked entities",
  "change.review": "review changes",
  "retention.set": "set how long change data is kept",
  "alert.manage": "create alert rules or manage alert destinations",
  "alert.edit": "edit alert rules or change an alert's status",
  "query.run": "run queries in this workspace's Logs",
  "query.save": "save or delete this workspace's queries",
};

/**
 * The user's effective role on a workspace: its own assignment or one inherited from its subscription. One statement
 * on the driver: every portal request asks it, often twice (the route and the service), and it was two Prisma queries.
 */
export async function roleOnWorkspace(db: Db, userId: string, workspaceId: string): Promise<TRole | null> {
  const rows = await readOnDriver<{ role: string | null }>(
    db,
    sql`SELECT r."role" AS "role" FROM "Workspace" w ${roleAssignmentsJoin(sql`${userId}`)} WHERE w."id" = ${workspaceId}`,
  );
  return strongestRole(rows.map((r) => r.role).filter(isRole));
}

/**
 * The assignments that give a user a role on workspace `w` (its own, or its subscription's), as `r`: the one
 * definition of an inherited role, for statements that read the role with something else.
 */
export const roleAssignmentsJoin = (userId: Prisma.Sql) =>
  sql`LEFT JOIN "RoleAssignment" r ON r."userId" = ${userId} AND (r."workspaceId" = w."id" OR r."subscriptionId" = w."subscriptionId")`;

/** Plan changes are a subscription matter: only a role on the subscription itself counts. */
export async function roleOnSubscription(db: Db, userId: string, subscriptionId: string): Promise<TRole | null> {
  const assignments = await db.roleAssignment.findMany({ where: { userId, subscriptionId }, select: { role: true } });
  return strongestRole(assignments.map((a) => a.role));
}

/**
 * "May this user do X on this workspace?" — the one check every route and action uses. A workspace the user
 * has no role on reads as not found, so ids of other tenants are not confirmed to exist.
 */
export async function authorizeWorkspace(db: Db, user: TCurrentUser, workspaceId: string, action: TAction) {
  const role = await roleOnWorkspace(db, user.id, workspaceId);
  if (!role) throw notFound("The workspace");
  if (!roleAllows(role, action)) throw forbidden(ACTION_WORDS[action]);
  return role;
}

export async function authorizeSubscription(db: Db, user: TCurrentUser, subscriptionId: string, action: TAction) {
  const role = await roleOnSubscription(db, user.id, subscriptionId);
  if (!role) {
    const anyWorkspaceRole = await db.roleAssignment.count({
      where: { userId: user.id, workspace: { subscriptionId } },
    });
    if (!anyWorkspaceRole) throw notFound("The subscription");
    throw forbidden(ACTION_WORDS[action]);
  }
  if (!roleAllows(role, action)) throw forbidden(ACTION_WORDS[action]);
  return role;
}
