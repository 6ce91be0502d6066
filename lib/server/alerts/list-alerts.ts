import "server-only";
import type { TAlertDetails, TAlertQuery, TAlertSummary } from "@/lib/contracts/alerts";
import type { AlertStatus } from "@/lib/domain/alerts";
import { roleAllows } from "@/lib/domain/roles";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { recordAudit } from "../audit";
import { databaseKind, type Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";
import { readableWorkspaceIds, subscriptionOf } from "./workspace";

const DETAIL_CHANGES = 500;

const include = {
  workspace: { select: { name: true } },
  deliveries: { select: { status: true } },
} satisfies Prisma.AlertInclude;
type Row = Prisma.AlertGetPayload<{ include: typeof include }>;

function toSummary(a: Row): TAlertSummary {
  return {
    id: a.id,
    workspaceId: a.workspaceId,
    workspaceName: a.workspace.name,
    ruleId: a.ruleId,
    ruleName: a.ruleName,
    severity: a.severity,
    status: a.status,
    machineId: a.machineId,
    computer: a.computer,
    changeCount: a.changeCount,
    createdAt: a.createdAt.toISOString(),
    windowStart: a.windowStart.toISOString(),
    windowEnd: a.windowEnd.toISOString(),
    lastChangeAt: a.lastChangeAt.toISOString(),
    statusChangedAt: a.statusChangedAt?.toISOString() ?? null,
    statusChangedBy: a.statusChangedByEmail,
    delivered: a.deliveries.filter((d) => d.status === "Delivered").length,
    pending: a.deliveries.filter((d) => d.status === "Pending").length,
  };
}

/** The filters as a where clause; the text is searched in the rule's and the computer's name (case-insensitive). */
function filter(db: Db, workspaceIds: string[], q: TAlertQuery): Prisma.AlertWhereInput {
  const text = q.q?.trim();
  // SQLite's LIKE ignores ASCII case already; PostgreSQL is told to (a mode the SQLite client's types do not know).
  const contains = (databaseKind(db) === "postgres" ? { contains: text, mode: "insensitive" } : { contains: text }) as Prisma.StringFilter;
  return {
    workspaceId: { in: workspaceIds },
    ...(q.status ? { status: q.status } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(text ? { OR: [{ ruleName: contains }, { computer: contains }] } : {}),
  };
}

async function listIn(db: Db, workspaceIds: string[], q: TAlertQuery, canEdit: boolean) {
  const where = filter(db, workspaceIds, q);
  const [rows, total, active] = await Promise.all([
    db.alert.findMany({ where, include, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit ?? 100 }),
    db.alert.count({ where }),
    db.alert.count({ where: { workspaceId: { in: workspaceIds }, status: "Active" } }),
  ]);
  return { alerts: rows.map(toSummary), total, active, canEdit };
}

export async function listAlerts(db: Db, user: TCurrentUser, workspaceId: string, q: TAlertQuery) {
  const role = await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  return listIn(db, [workspaceId], q, roleAllows(role, "alert.edit"));
}

/** Alerts of every workspace the user can read (the cross-workspace page and the shell's badge). */
export async function listAllAlerts(db: Db, user: TCurrentUser, q: TAlertQuery) {
  return listIn(db, await readableWorkspaceIds(db, user.id), q, false);
}

async function alertIn(db: Db, workspaceId: string, alertId: string): Promise<Row> {
  const alert = await db.alert.findFirst({ where: { id: alertId, workspaceId }, include });
  if (!alert) throw notFound("The alert");
  return alert;
}

export async function getAlert(db: Db, user: TCurrentUser, workspaceId: string, alertId: string): Promise<TAlertDetails> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const alert = await alertIn(db, workspaceId, alertId);
  const links = await db.alertChange.findMany({ where: { alertId }, select: { changeId: true }, take: DETAIL_CHANGES });
  const [changes, deliveries] = await Promise.all([
    db.changeRecord.findMany({
      where: { id: { in: links.map((l) => l.changeId) }, workspaceId },
      select: { id: true, timeGenerated: true, changeType: true, category: true, target: true, attribution: true, reviewState: true },
      orderBy: [{ timeGenerated: "asc" }, { seq: "asc" }],
    }),
    db.alertDelivery.findMany({ where: { alertId }, include: { destination: { select: { name: true } } }, orderBy: { id: "asc" } }),
  ]);
  return {
    ...toSummary(alert),
    changes: changes.map((c) => ({ ...c, timeGenerated: c.timeGenerated.toISOString() })),
    deliveries: deliveries.map((d) => ({
      destinationId: d.destinationId,
      destinationName: d.destination.name,
      status: d.status,
      attempts: d.attempts,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      lastError: d.lastError,
    })),
  };
}

export async function setAlertStatus(db: Db, user: TCurrentUser, workspaceId: string, alertId: string, status: AlertStatus) {
  await authorizeWorkspace(db, user, workspaceId, "alert.edit");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const before = await alertIn(db, workspaceId, alertId);
  return writeTransaction(db, async (tx) => {
    const after = await tx.alert.update({
      where: { id: alertId },
      data: { status, statusChangedAt: new Date(), statusChangedById: user.id, statusChangedByEmail: user.email },
      include,
    });
    await recordAudit(tx, user, {
      action: "alert.status",
      subscriptionId,
      workspaceId,
      targetType: "alert",
      targetId: alertId,
      summary: `Set the alert "${before.ruleName}" on ${before.computer} from ${before.status} to ${status}`,
      details: { before: before.status, after: status },
    });
    return toSummary(after);
  });
}
