import "server-only";
import type { TV1ChangesPage, TV1ChangesQuery } from "@/lib/contracts/api-v1";
import type { Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { decodeCursor, encodeCursor, LIST_COLUMNS, orderBy, pastKey, toRow, type RawRow } from "../changes/keyset";
import { DEFAULT_PAGE_SIZE, listChanges } from "../changes/list-changes";
import { resolve } from "../changes/period";
import { searchFilter } from "../changes/search";
import { dialectOf, join, raw, sql, timeFilter, type Sql } from "../changes/sql";

/** The machine a `machineId` or `computer` filter names, within the workspace; 404 when there is none. */
async function machineOf(db: Db, workspaceId: string, q: TV1ChangesQuery): Promise<{ id: string; name: string } | null> {
  if (q.machineId) {
    const m = await db.machine.findFirst({ where: { id: q.machineId, workspaceId }, select: { id: true, name: true } });
    if (!m) throw notFound("The machine");
    return m;
  }
  if (q.computer) {
    const exact = await db.machine.findFirst({ where: { workspaceId, name: q.computer }, select: { id: true, name: true } });
    if (exact) return exact;
    const wanted = q.computer.toLowerCase();
    const all = await db.machine.findMany({ where: { workspaceId }, select: { id: true, name: true } });
    const m = all.find((x) => x.name.toLowerCase() === wanted);
    if (!m) throw notFound(`The computer "${q.computer}"`);
    return m;
  }
  return null;
}

/**
 * GET /api/v1/workspaces/{id}/changes: newest first. Without a machine filter it is the Changes tab's own query
 * (listChanges, time order); with one, the same keyset page on the (machineId, timeGenerated) index. Both give
 * the same cursors, so a client pages the same way either way.
 */
export async function listChangesV1(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  q: TV1ChangesQuery,
  now = new Date(),
): Promise<TV1ChangesPage> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const machine = await machineOf(db, workspaceId, q);
  if (!machine) {
    const page = await listChanges(
      db,
      user,
      workspaceId,
      { period: q.period, from: q.from, to: q.to, type: q.changeType, category: q.category, q: q.q, cursor: q.cursor, limit: q.limit },
      now,
    );
    return { period: page.period, changes: page.rows, nextCursor: page.next };
  }

  const { range, view } = resolve(q, now);
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  const cursor = q.cursor ? decodeCursor(q.cursor, "time", "desc") : null;
  const where: Sql[] = [sql`"workspaceId" = ${workspaceId}`, sql`"machineId" = ${machine.id}`, timeFilter(range)];
  // Enum values as literals (PostgreSQL compares an enum column with a literal); both are checked by the schema.
  if (q.changeType) where.push(sql`"changeType" = ${raw(`'${q.changeType}'`)}`);
  if (q.category) where.push(sql`"category" = ${raw(`'${q.category}'`)}`);
  if (q.q) where.push(searchFilter(await dialectOf(db), q.q));
  if (cursor) where.push(pastKey("desc", cursor.time, cursor.id));
  const found = (
    await db.$queryRaw<
      RawRow[]
    >`SELECT ${LIST_COLUMNS} FROM "ChangeRecord" WHERE ${join(where, " AND ")} ORDER BY ${orderBy("desc")} LIMIT ${limit + 1}`
  ).map(toRow);
  const changes = found.slice(0, limit);
  const last = changes[changes.length - 1];
  const nextCursor =
    found.length > limit && last
      ? encodeCursor({ sort: "time", dir: "desc", group: null, time: new Date(last.timeGenerated), id: last.id, back: false })
      : null;
  return { period: view, changes, nextCursor };
}
