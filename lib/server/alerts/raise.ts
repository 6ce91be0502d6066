import "server-only";
import { alertMatches, type AlertCriteria } from "@/lib/domain/alerts";
import type { Attribution } from "@/lib/domain/packages";
import type { ChangeCategory, ChangeType, EntityKind, ReviewState } from "@/lib/domain/types";
import type { AlertRule, Prisma } from "@/lib/generated/sqlite/client";
import { insertRows, newId } from "../ingest/bulk-insert";
import { list, sharedCriteriaOf } from "../rules/criteria";

type Tx = Prisma.TransactionClient;

/** One change record as commitScan inserted it. */
export type RaisedChange = {
  id: string;
  target: string;
  category: ChangeCategory;
  changeType: ChangeType;
  entityId: string | null;
  attribution: Attribution | null;
  reviewState: ReviewState;
};

export type RaiseInput = {
  workspaceId: string;
  machineId: string;
  computer: string;
  /** When the changes happened (the scan's finish). */
  time: Date;
  changes: readonly RaisedChange[];
};

export function alertCriteriaOf(r: AlertRule): AlertCriteria {
  return { ...sharedCriteriaOf(r), entityId: r.entityId, entityKind: r.entityKind, reviewState: r.reviewState };
}

/**
 * The alerts a scan's new changes raise, written in the transaction that writes the changes (the outbox: an alert
 * and its deliveries exist exactly when its changes do). Per rule and machine, changes within the grouping window
 * of an Active alert join it; otherwise they open a new alert, with one pending delivery per destination of the rule.
 * Commits of one machine are serialized (the machine's row lock), so two scans cannot open the same alert twice.
 */
export async function raiseAlerts(tx: Tx, input: RaiseInput): Promise<number> {
  if (input.changes.length === 0) return 0;
  const rules = await tx.alertRule.findMany({ where: { workspaceId: input.workspaceId, enabled: true }, orderBy: { createdAt: "asc" } });
  if (rules.length === 0) return 0;
  const kinds = await entityKinds(tx, rules, input.changes);
  let opened = 0;
  for (const rule of rules) {
    const criteria = alertCriteriaOf(rule);
    const matched = input.changes.filter((c) =>
      alertMatches(criteria, {
        ...c,
        machineId: input.machineId,
        time: input.time,
        entityKind: c.entityId ? (kinds.get(c.entityId) ?? null) : null,
      }),
    );
    if (matched.length === 0) continue;
    const open = await tx.alert.findFirst({
      where: {
        ruleId: rule.id,
        machineId: input.machineId,
        status: "Active",
        windowStart: { lte: input.time },
        windowEnd: { gt: input.time },
      },
      orderBy: { windowStart: "desc" },
      select: { id: true },
    });
    const alertId = open?.id ?? newId();
    if (open) {
      await tx.alert.update({ where: { id: alertId }, data: { changeCount: { increment: matched.length }, lastChangeAt: input.time } });
    } else {
      await tx.alert.create({
        data: {
          id: alertId,
          workspaceId: input.workspaceId,
          ruleId: rule.id,
          ruleName: rule.name,
          severity: rule.severity,
          machineId: input.machineId,
          computer: input.computer,
          windowStart: input.time,
          windowEnd: new Date(input.time.getTime() + rule.windowMinutes * 60_000),
          firstChangeAt: input.time,
          lastChangeAt: input.time,
          changeCount: matched.length,
        },
      });
      await queueDeliveries(tx, input.workspaceId, alertId, list(rule.destinationIds));
      opened++;
    }
    await insertRows(
      tx,
      "AlertChange",
      ["alertId", "changeId"],
      matched.map((c) => [alertId, c.id]),
    );
  }
  return opened;
}

/** The kinds of the changes' entities, read only when a rule asks for a kind. */
async function entityKinds(tx: Tx, rules: readonly AlertRule[], changes: readonly RaisedChange[]): Promise<Map<string, EntityKind>> {
  if (!rules.some((r) => r.entityKind !== null)) return new Map();
  const ids = [...new Set(changes.flatMap((c) => (c.entityId ? [c.entityId] : [])))];
  const rows = await tx.trackedEntity.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true } });
  return new Map(rows.map((r) => [r.id, r.kind]));
}

/** One pending delivery per enabled destination of the workspace the rule names; the alert id is the idempotency key. */
async function queueDeliveries(tx: Tx, workspaceId: string, alertId: string, destinationIds: readonly string[]) {
  if (destinationIds.length === 0) return;
  const destinations = await tx.destination.findMany({
    where: { workspaceId, enabled: true, id: { in: [...destinationIds] } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const now = new Date();
  await tx.alertDelivery.createMany({
    data: destinations.map((d) => ({ alertId, destinationId: d.id, workspaceId, idempotencyKey: alertId, nextAttemptAt: now })),
  });
}
