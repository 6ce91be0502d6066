import "server-only";
import {
  RECENT_QUERIES_KEPT,
  type TRecentQuery,
  type TRecentQueryBody,
  type TSavedQuery,
  type TSavedQueryBody,
  type TSavedQueryList,
} from "@/lib/contracts/saved-queries";
import { roleAllows } from "@/lib/domain/roles";
import type { RecentQuery, SavedQuery } from "@/lib/generated/sqlite/client";
import { subscriptionOf } from "../alerts/workspace";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { roleOnWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";

// The route wrapper has already checked the caller's role for the endpoint's action (query.run or query.save).

const toSaved = (q: SavedQuery): TSavedQuery => ({
  id: q.id,
  name: q.name,
  description: q.description,
  query: q.query,
  timespan: q.timespan,
  createdBy: q.createdBy,
  updatedAt: q.updatedAt.toISOString(),
});

const toRecent = (q: RecentQuery): TRecentQuery => ({ id: q.id, query: q.query, timespan: q.timespan, ranAt: q.ranAt.toISOString() });

export async function listSavedQueries(db: Db, user: TCurrentUser, workspaceId: string): Promise<TSavedQueryList> {
  const [role, queries] = await Promise.all([
    roleOnWorkspace(db, user.id, workspaceId),
    db.savedQuery.findMany({ where: { workspaceId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  return { queries: queries.map(toSaved), canSave: roleAllows(role, "query.save") };
}

export async function createSavedQuery(db: Db, user: TCurrentUser, workspaceId: string, body: TSavedQueryBody): Promise<TSavedQuery> {
  const taken = await db.savedQuery.findFirst({ where: { workspaceId, name: body.name }, select: { id: true } });
  if (taken) throw new AppError("conflict", `A saved query named "${body.name}" already exists in this workspace: choose another name.`);
  const subscriptionId = await subscriptionOf(db, workspaceId);
  try {
    return await writeTransaction(db, async (tx) => {
      const created = await tx.savedQuery.create({
        data: {
          workspaceId,
          name: body.name,
          description: body.description ?? "",
          query: body.query,
          timespan: body.timespan,
          createdById: user.id,
          createdBy: user.name,
        },
      });
      await recordAudit(tx, user, {
        action: "query.save",
        subscriptionId,
        workspaceId,
        targetType: "saved-query",
        targetId: created.id,
        summary: `Saved the query "${created.name}"`,
        details: { query: created.query, timespan: created.timespan },
      });
      return toSaved(created);
    });
  } catch (e) {
    // Two saves of one name at once: the unique index refuses the second.
    if (e instanceof Error && "code" in e && e.code === "P2002")
      throw new AppError("conflict", `A saved query named "${body.name}" already exists.`);
    throw e;
  }
}

export async function deleteSavedQuery(db: Db, user: TCurrentUser, workspaceId: string, queryId: string) {
  const subscriptionId = await subscriptionOf(db, workspaceId);
  return writeTransaction(db, async (tx) => {
    const saved = await tx.savedQuery.findFirst({ where: { id: queryId, workspaceId } });
    if (!saved) throw notFound("The saved query");
    await tx.savedQuery.delete({ where: { id: saved.id } });
    await recordAudit(tx, user, {
      action: "query.delete",
      subscriptionId,
      workspaceId,
      targetType: "saved-query",
      targetId: saved.id,
      summary: `Deleted the saved query "${saved.name}"`,
      details: { query: saved.query, timespan: saved.timespan },
    });
    return { id: queryId, deleted: true as const };
  });
}

export async function listRecentQueries(db: Db, user: TCurrentUser, workspaceId: string) {
  const queries = await db.recentQuery.findMany({
    where: { workspaceId, userId: user.id },
    orderBy: [{ ranAt: "desc" }, { id: "desc" }],
    take: RECENT_QUERIES_KEPT,
  });
  return { queries: queries.map(toRecent) };
}

/** The query first; the same text and range run before moves up rather than repeating; the oldest past the limit go. */
export async function recordRecentQuery(db: Db, user: TCurrentUser, workspaceId: string, body: TRecentQueryBody): Promise<TRecentQuery> {
  return writeTransaction(db, async (tx) => {
    const where = { workspaceId, userId: user.id };
    await tx.recentQuery.deleteMany({ where: { ...where, query: body.query, timespan: body.timespan } });
    const created = await tx.recentQuery.create({ data: { ...where, query: body.query, timespan: body.timespan } });
    const stale = await tx.recentQuery.findMany({
      where,
      orderBy: [{ ranAt: "desc" }, { id: "desc" }],
      skip: RECENT_QUERIES_KEPT,
      select: { id: true },
    });
    if (stale.length) await tx.recentQuery.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
    return toRecent(created);
  });
}
