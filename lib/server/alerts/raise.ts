import "server-only";
import { alertMatches, type AlertCriteria } from "@/lib/domain/alerts";
import type { Attribution } from "@/lib/domain/packages";
import type { ChangeCategory, ChangeType, EntityKind, ReviewState } from "@/lib/domain/types";
import type { AlertRule } from "@/lib/generated/sqlite/client";
import { join, raw, sql } from "../changes/sql";
import { insertRows, newId } from "../ingest/bulk-insert";
import { intOf, type RawTx } from "../raw-tx";
import { list, sharedCriteriaOf } from "../rules/criteria";

/** What raising reads of a rule. */
type RaisingRule = Pick<
  AlertRule,
  | "id"
  | "name"
  | "severity"
  | "attribution"
  | "pathPattern"
  | "machineIds"
  | "category"
  | "changeType"
  | "entityId"
  | "entityKind"
  | "reviewState"
  | "windowMinutes"
  | "destinationIds"
>;

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

export function alertCriteriaOf(r: Omit<RaisingRule, "id" | "name" | "severity" | "windowMinutes" | "destinationIds">): AlertCriteria {
  return { ...sharedCriteriaOf(r), entityId: r.entityId, entityKind: r.entityKind, reviewState: r.reviewState };
}

/**
 * The alerts a scan's new changes raise, written in the transaction that writes the changes (the outbox: an alert
 * and its deliveries exist exactly when its changes do). Per rule and machine, changes within the grouping window
 * of an Active alert join it; otherwise they open a new alert, with one pending delivery per destination of the rule.
 * Commits of one machine are serialized (the machine's row lock), so two scans cannot open the same alert twice.
 */
export async function raiseAlerts(tx: RawTx, input: RaiseInput): Promise<number> {
  if (input.changes.length === 0) return 0;
  const rules = (
    await tx.query<RaisingRule>(sql`SELECT "id", "name", "severity", "attribution", "pathPattern", "machineIds", "category",
        "changeType", "entityId", "entityKind", "reviewState", "windowMinutes", "destinationIds"
      FROM "AlertRule" WHERE "workspaceId" = ${input.workspaceId} AND "enabled" = TRUE ORDER BY "createdAt" ASC`)
  ).map((r) => ({ ...r, windowMinutes: intOf(r.windowMinutes) }));
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
    // The Active alert whose window holds the changes takes them, found and counted in one statement.
    const [open] = await tx.query<{ id: string }>(sql`UPDATE "Alert"
      SET "changeCount" = "changeCount" + ${matched.length}, "lastChangeAt" = ${input.time}
      WHERE "id" = (SELECT "id" FROM "Alert"
        WHERE "ruleId" = ${rule.id} AND "machineId" = ${input.machineId} AND "status" = ${raw("'Active'")}
          AND "windowStart" <= ${input.time} AND "windowEnd" > ${input.time}
        ORDER BY "windowStart" DESC LIMIT 1)
      RETURNING "id"`);
    const alertId = open?.id ?? newId();
    if (!open) {
      await insertRows(tx, "Alert", ALERT_COLUMNS, [
        [
          alertId,
          input.workspaceId,
          rule.id,
          rule.name,
          rule.severity,
          "Active",
          input.machineId,
          input.computer,
          input.time,
          new Date(input.time.getTime() + rule.windowMinutes * 60_000),
          input.time,
          input.time,
          matched.length,
          new Date(),
        ],
      ]);
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

const ALERT_COLUMNS = [
  "id",
  "workspaceId",
  "ruleId",
  "ruleName",
  "severity",
  "status",
  "machineId",
  "computer",
  "windowStart",
  "windowEnd",
  "firstChangeAt",
  "lastChangeAt",
  "changeCount",
  "createdAt",
];

/** The kinds of the changes' entities, read only when a rule asks for a kind. */
async function entityKinds(tx: RawTx, rules: readonly RaisingRule[], changes: readonly RaisedChange[]): Promise<Map<string, EntityKind>> {
  if (!rules.some((r) => r.entityKind !== null)) return new Map();
  const ids = [...new Set(changes.flatMap((c) => (c.entityId ? [c.entityId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; kind: EntityKind }>(sql`SELECT "id", "kind" FROM "TrackedEntity" WHERE "id" IN (${join(ids)})`);
  return new Map(rows.map((r) => [r.id, r.kind]));
}

/** One pending delivery per enabled destination of the workspace the rule names; the alert id is the idempotency key. */
async function queueDeliveries(tx: RawTx, workspaceId: string, alertId: string, destinationIds: readonly string[]) {
  if (destinationIds.length === 0) return;
  const destinations = await tx.query<{ id: string }>(sql`SELECT "id" FROM "Destination"
    WHERE "workspaceId" = ${workspaceId} AND "enabled" = TRUE AND "id" IN (${join([...destinationIds])}) ORDER BY "id" ASC`);
  const now = new Date();
  await insertRows(
    tx,
    "AlertDelivery",
    ["alertId", "destinationId", "workspaceId", "idempotencyKey", "status", "attempts", "nextAttemptAt", "createdAt"],
    destinations.map((d) => [alertId, d.id, workspaceId, alertId, "Pending", 0, now, now]),
  );
}
