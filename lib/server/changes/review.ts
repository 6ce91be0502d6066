import "server-only";
import crypto from "node:crypto";
import type { TChangeFilter, TReview, TReviewStep } from "@/lib/contracts/changes";
import type { TBulkReviewBody, TBulkReviewResult, TReviewBody, TReviewResult } from "@/lib/contracts/reviews";
import type { ReviewState } from "@/lib/domain/types";
import { recordAudit } from "../audit";
import { databaseKind, type Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";
import { changeFilter, machineOf } from "./list-changes";
import { resolve } from "./period";
import { moveReviewCounts } from "./review-counts";
import { searchFilter } from "./search";
import { join, num, raw, sql, type Dialect, type Sql } from "./sql";

// Review states are set by SQL over the records a filter matches, never row by row: one INSERT … SELECT writes the
// history step of every record whose state changes, then one UPDATE … WHERE sets the state. 100,000 changes are two
// statements, whatever the filter.

export type Reviewer = {
  user: TCurrentUser;
  state: ReviewState;
  comment: string | null;
  at: Date;
  bulkId: string | null;
  /** The expected-change rule a user applied to recorded changes: it names itself on them, as on arriving ones. */
  rule?: { id: string; name: string };
};

/** An enum value as SQL: PostgreSQL needs its type where no column gives it (the select list of INSERT … SELECT). */
const stateSql = (dialect: Dialect, state: ReviewState): Sql =>
  raw(dialect === "postgres" ? `CAST('${state}' AS "ReviewState")` : `'${state}'`);
const timeSql = (dialect: Dialect, at: Date): Sql => (dialect === "postgres" ? sql`CAST(${at} AS TIMESTAMP(3))` : sql`${at}`);

/** Writes the history steps, then the state, of every record `where` matches; answers how many it updated. */
export async function applyReview(tx: Db, where: Sql, r: Reviewer): Promise<number> {
  const dialect = databaseKind(tx);
  await moveReviewCounts(tx, dialect, where, stateSql(dialect, r.state));
  await tx.$executeRaw`INSERT INTO "ChangeReview"
      ("changeId", "changeTime", "workspaceId", "at", "state", "previousState", "actorId", "actorEmail", "comment", "bulkId")
    SELECT "id", "timeGenerated", "workspaceId", ${timeSql(dialect, r.at)}, ${stateSql(dialect, r.state)}, "reviewState", ${r.user.id},
      ${r.user.email}, ${r.comment}, ${r.bulkId}
    FROM "ChangeRecord" WHERE ${where}`;
  return tx.$executeRaw`UPDATE "ChangeRecord" SET "reviewState" = ${stateSql(dialect, r.state)}, "reviewedAt" = ${r.at},
      "reviewedById" = ${r.user.id}, "reviewedByEmail" = ${r.user.email}, "reviewComment" = ${r.comment}${r.rule ? sql`, "reviewRuleId" = ${r.rule.id}, "reviewRuleName" = ${r.rule.name}` : raw("")}
    WHERE ${where}`;
}

type ReviewColumns = { reviewState: ReviewState; reviewedAt: Date | null; reviewedByEmail: string | null; reviewComment: string | null };

export const reviewOf = (c: ReviewColumns): TReview => ({
  state: c.reviewState,
  at: c.reviewedAt?.toISOString() ?? null,
  byEmail: c.reviewedByEmail,
  comment: c.reviewComment,
});

/** A change's review history, newest first. */
export async function reviewHistory(db: Db, changeId: string): Promise<TReviewStep[]> {
  const steps = await db.changeReview.findMany({ where: { changeId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 200 });
  return steps.map((s) => ({
    at: s.at.toISOString(),
    state: s.state,
    previousState: s.previousState,
    actorEmail: s.actorEmail,
    comment: s.comment,
    bulk: s.bulkId !== null,
  }));
}

async function subscriptionOf(db: Db, workspaceId: string): Promise<string> {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: { subscriptionId: true } });
  if (!ws) throw notFound("The workspace");
  return ws.subscriptionId;
}

/** Sets one change's review state (a step in its history even when only the comment changes). */
export async function reviewChange(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  changeId: string,
  body: TReviewBody,
  now = new Date(),
): Promise<TReviewResult> {
  await authorizeWorkspace(db, user, workspaceId, "change.review");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const reviewer: Reviewer = { user, state: body.state, comment: body.comment || null, at: now, bulkId: null };
  await writeTransaction(db, async (tx) => {
    // Looked up within the workspace of the URL: another workspace's change is not found here.
    const n = await applyReview(tx as Db, sql`"id" = ${changeId} AND "workspaceId" = ${workspaceId}`, reviewer);
    if (n === 0) throw notFound("The change");
    await recordAudit(tx, user, {
      action: "change.review",
      subscriptionId,
      workspaceId,
      targetType: "change",
      targetId: changeId,
      summary: `Marked a change as ${body.state}`,
      details: { state: body.state, comment: reviewer.comment },
    });
  });
  const c = await db.changeRecord.findFirstOrThrow({ where: { id: changeId } });
  return { id: changeId, review: reviewOf(c), history: await reviewHistory(db, changeId) };
}

/** Sets the review state of every change the Changes tab's filter matches, or only counts them (dryRun). */
export async function reviewChanges(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  filter: TChangeFilter,
  body: TBulkReviewBody,
  now = new Date(),
): Promise<TBulkReviewResult> {
  await authorizeWorkspace(db, user, workspaceId, "change.review");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const machine = await machineOf(db, workspaceId, filter);
  const { range, view } = resolve(filter, now);
  const dialect = databaseKind(db);
  const conditions = changeFilter(workspaceId, filter, machine, range);
  if (filter.q) conditions.push(searchFilter(dialect, filter.q));
  const matches = join(conditions, " AND ");
  const notYet = sql`${matches} AND "reviewState" <> ${raw(`'${body.state}'`)}`;
  const count = async (where: Sql) =>
    num((await db.$queryRaw<{ n: unknown }[]>`SELECT count(*) AS n FROM "ChangeRecord" WHERE ${where}`)[0].n);
  // Counted before the update (which moves records out of a filter on the state); the update reports its own count.
  const [matched, wouldUpdate] = await Promise.all([count(matches), count(notYet)]);
  if (body.dryRun) return { state: body.state, matched, wouldUpdate, updated: 0, dryRun: true };

  const reviewer: Reviewer = { user, state: body.state, comment: body.comment || null, at: now, bulkId: crypto.randomUUID() };
  return writeTransaction(
    db,
    async (tx) => {
      const updated = await applyReview(tx as Db, notYet, reviewer);
      await recordAudit(tx, user, {
        action: "change.review.bulk",
        subscriptionId,
        workspaceId,
        targetType: "workspace",
        targetId: workspaceId,
        summary: `Marked ${updated} change${updated === 1 ? "" : "s"} as ${body.state}`,
        details: { state: body.state, updated, matched, comment: reviewer.comment, filter, period: view, bulkId: reviewer.bulkId },
      });
      return { state: body.state, matched, updated, wouldUpdate: updated, dryRun: false };
    },
    { timeout: 120_000 },
  );
}
