import "server-only";
import type { TAlertRule, TAlertRuleCreateBody, TAlertRulePatchBody } from "@/lib/contracts/alerts";
import { roleAllows } from "@/lib/domain/roles";
import type { AlertRule } from "@/lib/generated/sqlite/client";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";
import { list } from "../rules/criteria";
import { subscriptionOf } from "./workspace";

export function toAlertRule(r: AlertRule): TAlertRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    severity: r.severity,
    attribution: r.attribution,
    pathPattern: r.pathPattern,
    machineIds: list(r.machineIds),
    category: r.category,
    changeType: r.changeType,
    entityId: r.entityId,
    entityKind: r.entityKind,
    reviewState: r.reviewState,
    windowMinutes: r.windowMinutes,
    destinationIds: list(r.destinationIds),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const invalid = (field: string, message: string) => new AppError("validation_failed", message, [{ field, message }]);

/** Machines, entity and destinations a rule names must be the workspace's (422 naming the field otherwise). */
async function assertOwn(db: Db, workspaceId: string, r: TAlertRuleCreateBody) {
  const machines = [...new Set(r.machineIds ?? [])];
  if (machines.length && (await db.machine.count({ where: { workspaceId, id: { in: machines } } })) !== machines.length)
    throw invalid("machineIds", "A machine of the rule is not a machine of this workspace.");
  if (r.entityId && !(await db.trackedEntity.count({ where: { workspaceId, id: r.entityId } })))
    throw invalid("entityId", "The entity is not tracked by this workspace.");
  const destinations = [...new Set(r.destinationIds ?? [])];
  if (destinations.length && (await db.destination.count({ where: { workspaceId, id: { in: destinations } } })) !== destinations.length)
    throw invalid("destinationIds", "A destination of the rule is not a destination of this workspace.");
}

function columns(r: TAlertRuleCreateBody) {
  return {
    name: r.name,
    enabled: r.enabled ?? true,
    severity: r.severity,
    attribution: r.attribution ?? null,
    pathPattern: r.pathPattern ?? null,
    machineIds: [...new Set(r.machineIds ?? [])].join(","),
    category: r.category ?? null,
    changeType: r.changeType ?? null,
    entityId: r.entityId ?? null,
    entityKind: r.entityKind ?? null,
    reviewState: r.reviewState ?? null,
    windowMinutes: r.windowMinutes ?? 15,
    destinationIds: [...new Set(r.destinationIds ?? [])].join(","),
  };
}

export async function listAlertRules(db: Db, user: TCurrentUser, workspaceId: string) {
  const role = await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const rules = await db.alertRule.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { rules: rules.map(toAlertRule), canCreate: roleAllows(role, "alert.manage"), canEdit: roleAllows(role, "alert.edit") };
}

export async function createAlertRule(db: Db, user: TCurrentUser, workspaceId: string, body: TAlertRuleCreateBody): Promise<TAlertRule> {
  await authorizeWorkspace(db, user, workspaceId, "alert.manage");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  await assertOwn(db, workspaceId, body);
  return writeTransaction(db, async (tx) => {
    const rule = await tx.alertRule.create({ data: { workspaceId, updatedById: user.id, ...columns(body) } });
    await recordAudit(tx, user, {
      action: "alert-rule.create",
      subscriptionId,
      workspaceId,
      targetType: "alert-rule",
      targetId: rule.id,
      summary: `Created the alert rule "${rule.name}" (${rule.severity})`,
      details: toAlertRule(rule),
    });
    return toAlertRule(rule);
  });
}

async function ruleIn(db: Db, workspaceId: string, ruleId: string) {
  const rule = await db.alertRule.findFirst({ where: { id: ruleId, workspaceId } });
  if (!rule) throw notFound("The alert rule");
  return rule;
}

export async function updateAlertRule(db: Db, user: TCurrentUser, workspaceId: string, ruleId: string, patch: TAlertRulePatchBody) {
  await authorizeWorkspace(db, user, workspaceId, "alert.edit");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const before = toAlertRule(await ruleIn(db, workspaceId, ruleId));
  const merged = { ...before, ...patch };
  await assertOwn(db, workspaceId, merged);
  return writeTransaction(db, async (tx) => {
    const rule = await tx.alertRule.update({ where: { id: ruleId }, data: { updatedById: user.id, ...columns(merged) } });
    await recordAudit(tx, user, {
      action: "alert-rule.update",
      subscriptionId,
      workspaceId,
      targetType: "alert-rule",
      targetId: rule.id,
      summary: `Updated the alert rule "${rule.name}"${patch.enabled === false ? " (switched off)" : ""}`,
      details: { before, after: toAlertRule(rule) },
    });
    return toAlertRule(rule);
  });
}

export async function deleteAlertRule(db: Db, user: TCurrentUser, workspaceId: string, ruleId: string) {
  await authorizeWorkspace(db, user, workspaceId, "alert.manage");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const rule = await ruleIn(db, workspaceId, ruleId);
  await writeTransaction(db, async (tx) => {
    await tx.alertRule.delete({ where: { id: ruleId } });
    await recordAudit(tx, user, {
      action: "alert-rule.delete",
      subscriptionId,
      workspaceId,
      targetType: "alert-rule",
      targetId: ruleId,
      summary: `Deleted the alert rule "${rule.name}"`,
      details: toAlertRule(rule),
    });
  });
  return { id: ruleId, deleted: true as const };
}
