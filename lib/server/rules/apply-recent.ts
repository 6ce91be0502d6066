import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { recordAudit } from "../audit";
import { applyReview } from "../changes/review";
import { join, sql } from "../changes/sql";
import type { Db } from "../db";
import type { TCurrentUser } from "../session";

// A new rule applied to changes already recorded: the bulk review path (history step per change, moved review counts,
// one audit event), over the records the preview matched that are still Unreviewed when the transaction runs.

/** Record ids per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 1000;

export async function markRecentExpected(
  tx: Prisma.TransactionClient,
  user: TCurrentUser,
  target: { subscriptionId: string; workspaceId: string; rule: { id: string; name: string }; from: Date },
  ids: readonly string[],
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const { workspaceId, rule } = target;
  const reviewer = {
    user,
    state: "Expected" as const,
    comment: `Applied the expected-change rule "${rule.name}" to the last 7 days`,
    at: now,
    bulkId: crypto.randomUUID(),
    rule,
  };
  let updated = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    // Reviewed in the meantime (by hand or by another rule): left as it is.
    const where = sql`"id" IN (${join(chunk)}) AND "workspaceId" = ${workspaceId} AND "reviewState" = 'Unreviewed'`;
    updated += await applyReview(tx as Db, where, reviewer);
  }
  await recordAudit(tx, user, {
    action: "change.review.bulk",
    subscriptionId: target.subscriptionId,
    workspaceId,
    targetType: "workspace",
    targetId: workspaceId,
    summary: `Marked ${updated} change${updated === 1 ? "" : "s"} as Expected by the rule "${rule.name}"`,
    details: {
      state: "Expected",
      updated,
      matched: ids.length,
      comment: reviewer.comment,
      ruleId: rule.id,
      period: { from: target.from.toISOString(), to: now.toISOString() },
      bulkId: reviewer.bulkId,
    },
  });
  return updated;
}
