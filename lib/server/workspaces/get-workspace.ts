import "server-only";
import type { TAuditEvent, TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { roleAllows } from "@/lib/domain/roles";
import type { Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace, roleOnSubscription } from "../permissions";
import type { TCurrentUser } from "../session";

/** A workspace's details with what this user may do on it (the UI shows controls from `can`). */
export async function getWorkspace(db: Db, user: TCurrentUser, workspaceId: string): Promise<TWorkspaceDetails> {
  const role = await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const ws = await db.workspace.findUnique({
    where: { id: workspaceId },
    include: { subscription: true, _count: { select: { entities: true } } },
  });
  if (!ws) throw notFound("The workspace");
  const [byOs, enabledBy, subRole] = await Promise.all([
    db.machine.groupBy({ by: ["osFamily"], where: { workspaceId }, _count: { _all: true } }),
    ws.fimEnabledById ? db.user.findUnique({ where: { id: ws.fimEnabledById }, select: { email: true } }) : null,
    roleOnSubscription(db, user.id, ws.subscriptionId),
  ]);
  const windows = byOs.find((m) => m.osFamily === "WINDOWS")?._count._all ?? 0;
  const linux = byOs.find((m) => m.osFamily === "LINUX")?._count._all ?? 0;
  const planned = ws.subscription.plan === "DEFENDER_SERVERS_P2";
  return {
    id: ws.id,
    name: ws.name,
    location: ws.location,
    resourceGroup: ws.resourceGroup,
    subscription: { id: ws.subscriptionId, name: ws.subscription.name, plan: ws.subscription.plan },
    fimEnabled: ws.fimEnabled,
    fimEnabledAt: ws.fimEnabled ? (ws.fimEnabledAt?.toISOString() ?? null) : null,
    fimEnabledBy: ws.fimEnabled ? (enabledBy?.email ?? null) : null,
    machines: { total: windows + linux, windows, linux },
    entities: ws._count.entities,
    retentionDays: ws.retentionDays,
    role,
    can: {
      upgrade: !planned && roleAllows(subRole, "plan.upgrade"),
      enable: planned && !ws.fimEnabled && roleAllows(role, "fim.enable"),
      disable: ws.fimEnabled && roleAllows(role, "fim.disable"),
      editEntities: ws.fimEnabled && roleAllows(role, "entity.edit"),
      reviewChanges: roleAllows(role, "change.review"),
      setRetention: roleAllows(role, "retention.set"),
    },
  };
}

export async function listAuditEvents(db: Db, user: TCurrentUser, workspaceId: string, take = 20): Promise<TAuditEvent[]> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const events = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { at: "desc" }, take });
  return events.map((e) => ({ id: e.id, at: e.at.toISOString(), actorEmail: e.actorEmail, action: e.action, summary: e.summary }));
}
