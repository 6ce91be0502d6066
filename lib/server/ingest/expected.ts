import "server-only";
import type { ChangeDraft } from "@/lib/domain/diff";
import { firstMatch, type RuleCriteria } from "@/lib/domain/expected-rules";
import type { ExpectedRule } from "@/lib/generated/sqlite/client";
import type { AttributionColumns } from "./attribution";
import { insertRows } from "./bulk-insert";
import { criteriaOf } from "../rules/criteria";
import { sql } from "../changes/sql";
import { dateOrNull, intOrNull, type RawTx } from "../raw-tx";

type Rule = RuleCriteria & { id: string; name: string };
/** The columns the matcher reads (criteriaOf), as the driver returns them. */
type StoredRule = Pick<
  ExpectedRule,
  | "id"
  | "name"
  | "attribution"
  | "pathPattern"
  | "machineIds"
  | "category"
  | "changeType"
  | "window"
  | "windowStart"
  | "windowEnd"
  | "weekDays"
  | "weekStartMinute"
  | "weekEndMinute"
>;

/** The workspace's enabled rules, oldest first (one statement on the driver). */
async function enabledRules(tx: RawTx, workspaceId: string): Promise<StoredRule[]> {
  const rows = await tx.query<StoredRule>(sql`SELECT "id", "name", "attribution", "pathPattern", "machineIds", "category", "changeType",
      "window", "windowStart", "windowEnd", "weekDays", "weekStartMinute", "weekEndMinute"
    FROM "ExpectedRule" WHERE "workspaceId" = ${workspaceId} AND "enabled" = TRUE ORDER BY "createdAt" ASC, "id" ASC`);
  return rows.map((r) => ({
    ...r,
    windowStart: dateOrNull(r.windowStart),
    windowEnd: dateOrNull(r.windowEnd),
    weekStartMinute: intOrNull(r.weekStartMinute),
    weekEndMinute: intOrNull(r.weekEndMinute),
  }));
}

export type ExpectedColumns = {
  reviewState?: "Expected";
  reviewedAt?: Date;
  reviewRuleId?: string;
  reviewRuleName?: string;
};

/**
 * Which new changes the workspace's enabled expected-change rules mark Expected as they arrive (the first matching
 * rule, oldest first, names itself on the change). One read of the rules per scan with changes.
 */
export async function expectedByRules(
  tx: RawTx,
  machine: { id: string; workspaceId: string },
  time: Date,
  drafts: readonly ChangeDraft[],
  attributions: readonly AttributionColumns[],
  now: Date,
): Promise<ExpectedColumns[]> {
  if (drafts.length === 0) return [];
  const stored = await enabledRules(tx, machine.workspaceId);
  if (stored.length === 0) return drafts.map(() => ({}));
  const rules: Rule[] = stored.map((r) => ({ ...criteriaOf(r), id: r.id, name: r.name }));
  return drafts.map((d, i) => {
    const rule = firstMatch(rules, {
      attribution: attributions[i].attribution,
      target: d.target,
      machineId: machine.id,
      category: d.category,
      changeType: d.changeType,
      time,
    });
    return rule ? { reviewState: "Expected", reviewedAt: now, reviewRuleId: rule.id, reviewRuleName: rule.name } : {};
  });
}

const HISTORY_COLUMNS = [
  "changeId",
  "changeTime",
  "workspaceId",
  "at",
  "state",
  "previousState",
  "actorId",
  "actorEmail",
  "comment",
  "bulkId",
];

/** The review history step of each change a rule marked (a scan's changes, all at `time`): who is the rule. */
export async function writeRuleHistory(
  tx: RawTx,
  workspaceId: string,
  time: Date,
  ids: readonly string[],
  expected: readonly ExpectedColumns[],
) {
  const rows = ids.flatMap((id, i) => {
    const e = expected[i];
    if (!e?.reviewRuleName) return [];
    return [[id, time, workspaceId, e.reviewedAt!, "Expected", "Unreviewed", null, `rule: ${e.reviewRuleName}`, null, null]];
  });
  await insertRows(tx, "ChangeReview", HISTORY_COLUMNS, rows);
}
