import "server-only";
import type {
  TRule,
  TRuleCreateBody,
  TRuleCreated,
  TRuleCriteria,
  TRulePatchBody,
  TRulePreview,
  TRuleWindow,
} from "@/lib/contracts/expected-rules";
import { ZRuleCriteria } from "@/lib/contracts/expected-rules";
import { ruleMatches } from "@/lib/domain/expected-rules";
import { roleAllows } from "@/lib/domain/roles";
import type { ExpectedRule, Prisma } from "@/lib/generated/sqlite/client";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import { zodIssues } from "../request";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";
import { markRecentExpected } from "./apply-recent";
import { criteriaOf } from "./criteria";

const PREVIEW_DAYS = 7;

function windowOf(r: ExpectedRule): TRuleWindow {
  const w = criteriaOf(r).window;
  if (w.kind === "ONCE") return { kind: "ONCE", start: w.start.toISOString(), end: w.end.toISOString() };
  if (w.kind === "WEEKLY") return { kind: "WEEKLY", days: [...w.days], startMinute: w.startMinute, endMinute: w.endMinute };
  return { kind: "NONE" };
}

export function toRule(r: ExpectedRule): TRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    isDefault: r.isDefault,
    attribution: r.attribution,
    pathPattern: r.pathPattern,
    machineIds: r.machineIds === "" ? [] : r.machineIds.split(","),
    category: r.category,
    changeType: r.changeType,
    window: windowOf(r),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The stored columns of criteria (every criterion written, so a PATCH that clears one clears it). */
function columns(c: TRuleCriteria) {
  const w = c.window ?? { kind: "NONE" as const };
  return {
    attribution: c.attribution ?? null,
    pathPattern: c.pathPattern ?? null,
    machineIds: (c.machineIds ?? []).join(","),
    category: c.category ?? null,
    changeType: c.changeType ?? null,
    window: w.kind,
    windowStart: w.kind === "ONCE" ? new Date(w.start) : null,
    windowEnd: w.kind === "ONCE" ? new Date(w.end) : null,
    weekDays: w.kind === "WEEKLY" ? [...new Set(w.days)].sort().join(",") : "",
    weekStartMinute: w.kind === "WEEKLY" ? w.startMinute : null,
    weekEndMinute: w.kind === "WEEKLY" ? w.endMinute : null,
  };
}

/** Machines named by a rule must be machines of the workspace (422 naming the field otherwise). */
async function assertMachines(db: Db | Prisma.TransactionClient, workspaceId: string, ids: readonly string[] | undefined) {
  if (!ids?.length) return;
  const found = await db.machine.count({ where: { workspaceId, id: { in: [...new Set(ids)] } } });
  if (found !== new Set(ids).size) {
    const message = "A machine of the rule is not a machine of this workspace.";
    throw new AppError("validation_failed", message, [{ field: "machineIds", message }]);
  }
}

async function subscriptionOf(db: Db, workspaceId: string) {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: { subscriptionId: true } });
  if (!ws) throw notFound("The workspace");
  return ws.subscriptionId;
}

export async function listRules(db: Db, user: TCurrentUser, workspaceId: string) {
  const role = await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const rules = await db.expectedRule.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { rules: rules.map(toRule), canEdit: roleAllows(role, "change.review") };
}

/**
 * A new rule, from now on; with applyToRecent also over the last 7 days' matching Unreviewed changes, in the same
 * transaction (a rule that is not saved marks nothing).
 */
export async function createRule(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  body: TRuleCreateBody,
  now = new Date(),
): Promise<TRuleCreated> {
  await authorizeWorkspace(db, user, workspaceId, "change.review");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  await assertMachines(db, workspaceId, body.machineIds);
  const recent = body.applyToRecent && body.enabled !== false ? await recentMatches(db, workspaceId, body, now) : null;
  const ids = recent ? recent.matched.filter((r) => r.reviewState === "Unreviewed").map((r) => r.id) : [];
  return writeTransaction(
    db,
    async (tx) => {
      const rule = await tx.expectedRule.create({
        data: { workspaceId, name: body.name, enabled: body.enabled ?? true, updatedById: user.id, ...columns(body) },
      });
      await recordAudit(tx, user, {
        action: "rule.create",
        subscriptionId,
        workspaceId,
        targetType: "rule",
        targetId: rule.id,
        summary: `Created the expected-change rule "${rule.name}"`,
        details: toRule(rule),
      });
      const target = { subscriptionId, workspaceId, rule, from: recent?.from ?? now };
      const markedExpected = await markRecentExpected(tx, user, target, ids, now);
      return { ...toRule(rule), markedExpected };
    },
    { timeout: 120_000 },
  );
}

async function ruleIn(db: Db, workspaceId: string, ruleId: string) {
  const rule = await db.expectedRule.findFirst({ where: { id: ruleId, workspaceId } });
  if (!rule) throw notFound("The rule");
  return rule;
}

export async function updateRule(db: Db, user: TCurrentUser, workspaceId: string, ruleId: string, patch: TRulePatchBody): Promise<TRule> {
  await authorizeWorkspace(db, user, workspaceId, "change.review");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const before = toRule(await ruleIn(db, workspaceId, ruleId));
  const merged = ZRuleCriteria.safeParse({ ...before, ...patch });
  if (!merged.success) {
    const fields = zodIssues(merged.error);
    throw new AppError("validation_failed", `The rule was not saved: ${fields[0].message}`, fields);
  }
  await assertMachines(db, workspaceId, merged.data.machineIds);
  return writeTransaction(db, async (tx) => {
    const rule = await tx.expectedRule.update({
      where: { id: ruleId },
      data: { name: patch.name ?? before.name, enabled: patch.enabled ?? before.enabled, updatedById: user.id, ...columns(merged.data) },
    });
    await recordAudit(tx, user, {
      action: "rule.update",
      subscriptionId,
      workspaceId,
      targetType: "rule",
      targetId: rule.id,
      summary: `Updated the expected-change rule "${rule.name}"${patch.enabled === false ? " (switched off)" : ""}`,
      details: { before, after: toRule(rule) },
    });
    return toRule(rule);
  });
}

export async function deleteRule(db: Db, user: TCurrentUser, workspaceId: string, ruleId: string) {
  await authorizeWorkspace(db, user, workspaceId, "change.review");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const rule = await ruleIn(db, workspaceId, ruleId);
  await writeTransaction(db, async (tx) => {
    await tx.expectedRule.delete({ where: { id: ruleId } });
    await recordAudit(tx, user, {
      action: "rule.delete",
      subscriptionId,
      workspaceId,
      targetType: "rule",
      targetId: ruleId,
      summary: `Deleted the expected-change rule "${rule.name}"`,
      details: toRule(rule),
    });
  });
  return { id: ruleId, deleted: true as const };
}

/**
 * The last 7 days' changes the criteria match: the database narrows by the indexed criteria (period, attribution,
 * category, type, machines), the matcher commitScan uses judges the rest.
 */
async function recentMatches(db: Db, workspaceId: string, c: TRuleCriteria, now: Date) {
  const from = new Date(now.getTime() - PREVIEW_DAYS * 86_400_000);
  const period = { workspaceId, timeGenerated: { gt: from, lte: now } };
  const cols = columns(c);
  const where: Prisma.ChangeRecordWhereInput = {
    ...period,
    ...(cols.attribution ? { attribution: cols.attribution } : {}),
    ...(cols.category ? { category: cols.category } : {}),
    ...(cols.changeType ? { changeType: cols.changeType } : {}),
    ...(c.machineIds?.length ? { machineId: { in: c.machineIds } } : {}),
  };
  const criteria = criteriaOf({ ...cols, id: "", workspaceId, name: "", enabled: true, isDefault: false } as ExpectedRule);
  const [total, candidates] = await Promise.all([
    db.changeRecord.count({ where: period }),
    db.changeRecord.findMany({
      where,
      select: {
        id: true,
        reviewState: true,
        target: true,
        machineId: true,
        category: true,
        changeType: true,
        attribution: true,
        timeGenerated: true,
      },
    }),
  ]);
  const matched = candidates.filter((r) => ruleMatches(criteria, { ...r, time: r.timeGenerated }));
  return { from, total, matched };
}

/** How many of the last 7 days' changes the criteria would have marked, and how many of those are still Unreviewed. */
export async function previewRule(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  c: TRuleCriteria,
  now = new Date(),
): Promise<TRulePreview> {
  await authorizeWorkspace(db, user, workspaceId, "change.review");
  await assertMachines(db, workspaceId, c.machineIds);
  const { from, total, matched } = await recentMatches(db, workspaceId, c, now);
  const unreviewed = matched.filter((r) => r.reviewState === "Unreviewed").length;
  return { matched: matched.length, unreviewed, total, from: from.toISOString(), to: now.toISOString() };
}
