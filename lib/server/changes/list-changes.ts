import "server-only";
import type { TChangeFilter, TChangeRow, TChangesPage, TChangesQuery, TChangeSort } from "@/lib/contracts/changes";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { CHANGE_CATEGORIES, CHANGE_TYPES } from "@/lib/domain/types";
import { databaseKind, type Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { decodeCursor, encodeCursor, flip, LIST_COLUMNS, orderBy, pastKey, toRow, type Cursor, type Dir, type RawRow } from "./keyset";
import { resolve } from "./period";
import { searchByTime, searchFilter } from "./search";
import { join, raw, sql, timeFilter, type Sql } from "./sql";

export const DEFAULT_PAGE_SIZE = 50;

/** The value a row is grouped by in a sort: its type, category or machine; time order has one group. */
function groupOf(sort: TChangeSort, row: TChangeRow): string | null {
  if (sort === "type") return row.changeType;
  if (sort === "category") return row.category;
  if (sort === "machine") return row.machineId;
  return null;
}

type Plan = {
  sort: TChangeSort;
  /** Groups in page order (already reversed when paging back); [null] for time order. */
  groups: (string | null)[];
  /** Direction of (timeGenerated, id) inside a group, in page order. */
  within: Dir;
  where: Sql;
  limit: number;
};

const groupColumn: Record<TChangeSort, string> = { time: "", type: `"changeType"`, category: `"category"`, machine: `"machineId"` };

/**
 * Fills a page group by group. Types and categories are one query each, served by (workspaceId, changeType|category,
 * timeGenerated). Machines come in batches that double in size (1, 2, 4 … machines), each one query on
 * (machineId, timeGenerated): a busy period fills the page from the first machine, a quiet one skips empty machines
 * quickly, and the rows sorted per query stay about what the page needs.
 */
async function fillPage(db: Db, plan: Plan, cursor: Cursor | null): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  const start = cursor?.group != null ? plan.groups.indexOf(cursor.group) : 0;
  if (start < 0) return rows;
  let batch = 1;
  for (let i = start; i < plan.groups.length && rows.length < plan.limit;) {
    const groups = plan.sort === "machine" ? plan.groups.slice(i, i + batch) : [plan.groups[i]];
    i += groups.length;
    batch *= 2;
    const keyed = cursor && (cursor.group === groups[0] || plan.sort === "time");
    const key = keyed ? pastKey(plan.within, cursor.time, cursor.id) : null;
    const conditions: Sql[] = [plan.where];
    if (plan.sort !== "time") {
      const col = raw(groupColumn[plan.sort]);
      conditions.push(groups.length === 1 ? sql`${col} = ${groups[0]}` : sql`${col} IN (${join(groups as string[])})`);
    }
    if (key) conditions.push(groups.length === 1 ? key : sql`("machineId" <> ${cursor!.group} OR (${key}))`);
    // Several machines in one query: keep the page order (machine by machine) with a CASE on their positions.
    const order =
      groups.length > 1
        ? sql`CASE "machineId" ${join(
            groups.map((g, n) => sql`WHEN ${g} THEN ${raw(String(n))}`),
            " ",
          )} END, ${orderBy(plan.within)}`
        : orderBy(plan.within);
    const found = await db.$queryRaw<RawRow[]>`SELECT ${LIST_COLUMNS} FROM "ChangeRecord"
      WHERE ${join(conditions, " AND ")} ORDER BY ${order} LIMIT ${plan.limit - rows.length}`;
    rows.push(...found);
  }
  return rows;
}

async function groupsFor(
  db: Db,
  workspaceId: string,
  sort: TChangeSort,
  dir: Dir,
  q: TChangesQuery,
  machine: MachineRef | null,
): Promise<(string | null)[]> {
  const ordered = <T>(xs: readonly T[]) => (dir === "asc" ? [...xs] : [...xs].reverse());
  if (sort === "type") return ordered(CHANGE_TYPES.filter((t) => !q.changeType || t === q.changeType));
  if (sort === "category") return ordered(CHANGE_CATEGORIES.filter((c) => !q.category || c === q.category));
  if (sort === "machine") {
    if (machine) return [machine.id];
    const machines = await db.machine.findMany({ where: { workspaceId }, select: { id: true }, orderBy: [{ name: dir }, { id: dir }] });
    return machines.map((m) => m.id);
  }
  return [null];
}

export type MachineRef = { id: string; name: string };

/** The machine a `machineId` or `computer` filter names, within the workspace; 404 when there is none. */
export async function machineOf(db: Db, workspaceId: string, q: TChangeFilter): Promise<MachineRef | null> {
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

/** One page of changes: the Changes tab, the API's list and a machine's results are all this one query. */
export async function listChanges(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  q: TChangesQuery,
  now = new Date(),
): Promise<TChangesPage> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  return pageOfChanges(db, workspaceId, q, await machineOf(db, workspaceId, q), now);
}

/**
 * The filters of a change list besides the text search, as SQL on "ChangeRecord": the list reads pages with it and
 * the bulk review updates every record it matches. The caller has found the machine in the workspace.
 */
export function changeFilter(workspaceId: string, q: TChangeFilter, machine: MachineRef | null, range: TimeRange): Sql[] {
  // A machine's records are read on (machineId, timeGenerated); the machine was found in the workspace.
  const where: Sql[] = machine
    ? [sql`"machineId" = ${machine.id}`, sql`"computer" = ${machine.name}`, timeFilter(range)]
    : [sql`"workspaceId" = ${workspaceId}`, timeFilter(range)];
  // Enum values as literals (PostgreSQL compares an enum column with a literal); all are checked by the schema.
  if (q.changeType) where.push(sql`"changeType" = ${raw(`'${q.changeType}'`)}`);
  if (q.category) where.push(sql`"category" = ${raw(`'${q.category}'`)}`);
  if (q.reviewState) where.push(sql`"reviewState" = ${raw(`'${q.reviewState}'`)}`);
  if (q.attribution) where.push(sql`"attribution" = ${raw(`'${q.attribution}'`)}`);
  return where;
}

/**
 * Every change of the workspace (or of one of its machines, by id and name: what `Computer == "…"` means) in the
 * period, filtered, searched and sorted, one keyset page at a time. The caller has authorized the workspace and
 * found the machine in it.
 */
export async function pageOfChanges(
  db: Db,
  workspaceId: string,
  q: TChangesQuery,
  machine: MachineRef | null,
  now = new Date(),
): Promise<TChangesPage> {
  const { range, view } = resolve(q, now);
  const sort = q.sort ?? "time";
  const dir: Dir = q.dir ?? (sort === "time" ? "desc" : "asc");
  const cursor = q.cursor ? decodeCursor(q.cursor, sort, dir) : null;
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  const back = cursor?.back ?? false;

  const where = changeFilter(workspaceId, q, machine, range);
  const dialect = databaseKind(db);
  // Searching in time order (the default) has its own plan; other sorts filter the records they read.
  const searchInTimeOrder = !!q.q && sort === "time";
  if (q.q && !searchInTimeOrder) where.push(searchFilter(dialect, q.q));

  const groups = await groupsFor(db, workspaceId, sort, dir, q, machine);
  const within: Dir = sort === "time" ? dir : "desc";
  const plan: Plan = {
    sort,
    groups: back ? [...groups].reverse() : groups,
    within: back ? flip(within) : within,
    where: join(where, " AND "),
    limit: limit + 1,
  };
  const rows = searchInTimeOrder
    ? await searchByTime(db, dialect, q.q!, {
        workspaceId,
        where: plan.where,
        key: cursor ? pastKey(plan.within, cursor.time, cursor.id) : null,
        dir: plan.within,
        limit: plan.limit,
      })
    : await fillPage(db, plan, cursor);
  const found = rows.map(toRow);
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (back) page.reverse();

  const at = (row: TChangeRow | undefined, toBack: boolean) =>
    row ? encodeCursor({ sort, dir, group: groupOf(sort, row), time: new Date(row.timeGenerated), id: row.id, back: toBack }) : null;
  return {
    period: view,
    changes: page,
    nextCursor: back || more ? at(page[page.length - 1], false) : null,
    prevCursor: (back ? more : cursor !== null) ? at(page[0], true) : null,
  };
}
