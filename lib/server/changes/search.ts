import "server-only";
import type { Db } from "../db";
import { LIST_COLUMNS, orderBy, type Dir, type RawRow } from "./keyset";
import { containsSql, join, num, raw, sql, type Dialect, type Sql } from "./sql";

// The search of the Changes tab: a case-insensitive substring of the path or key (target) or of the computer.
//
// A substring cannot use a B-tree index, so a search over a month of a million records is planned by how common
// the text is. A common one ("conf", a busy computer) fills a page from the newest records at once; a rare one
// (a single file, or nothing at all) would read the whole month. So: read at most SCAN_BUDGET newest records of the
// period; if the page is not full by then, the matches are rare, and they are found the other way round: the
// distinct targets (a few thousand, read by an index skip scan on (workspaceId, target)) and computers that contain
// the text, then the records of those targets and computers through their indexes.

export const SCAN_BUDGET = 20_000;
/** Past this many matching targets the IN list stops being cheaper than reading the period. */
const MAX_TARGETS = 2_000;

/** The predicate itself, for the sorts that read records in another order. */
export function searchFilter(dialect: Dialect, term: string): Sql {
  return sql`(${containsSql(dialect, raw(`"target"`), term)} OR ${containsSql(dialect, raw(`"computer"`), term)})`;
}

/**
 * The workspace's distinct targets containing the text: a recursive "loose index scan" that jumps from one target
 * to the next in the (workspaceId, target) index, one seek per distinct target instead of one step per record.
 */
async function matchingTargets(db: Db, dialect: Dialect, workspaceId: string, term: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ target: string }[]>`
    WITH RECURSIVE t(target) AS (
      SELECT (SELECT min("target") FROM "ChangeRecord" WHERE "workspaceId" = ${workspaceId})
      UNION ALL
      SELECT (SELECT min("target") FROM "ChangeRecord" WHERE "workspaceId" = ${workspaceId} AND "target" > t.target)
      FROM t WHERE t.target IS NOT NULL
    )
    SELECT target FROM t WHERE ${containsSql(dialect, raw("target"), term)}`;
  return rows.map((r) => r.target);
}

/** Computers are machine names (a machine keeps its name), matched in the Machine table. */
async function matchingMachines(db: Db, dialect: Dialect, workspaceId: string, term: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Machine" WHERE "workspaceId" = ${workspaceId} AND ${containsSql(dialect, raw(`"name"`), term)}`;
  return rows.map((r) => r.id);
}

export type SearchPage = {
  workspaceId: string;
  /** Workspace, period and filters, without the search. */
  where: Sql;
  /** Past the cursor, if any. */
  key: Sql | null;
  dir: Dir;
  limit: number;
  /** How many newest records to read before switching to the rare-match plan (SCAN_BUDGET; tests lower it). */
  budget?: number;
};

/** A page of search results in time order (the default sort), planned as described above. */
export async function searchByTime(db: Db, dialect: Dialect, term: string, p: SearchPage): Promise<RawRow[]> {
  const where = p.key ? sql`${p.where} AND ${p.key}` : p.where;
  const budget = p.budget ?? SCAN_BUDGET;
  const [recent, [{ n }]] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT ${LIST_COLUMNS} FROM (
        SELECT ${LIST_COLUMNS} FROM "ChangeRecord" WHERE ${where} ORDER BY ${orderBy(p.dir)} LIMIT ${budget}
      ) recent
      WHERE ${searchFilter(dialect, term)} ORDER BY ${orderBy(p.dir)} LIMIT ${p.limit}`,
    // Whether the budget covered the rest of the period: counted on the time index alone, without reading records.
    db.$queryRaw<
      { n: unknown }[]
    >`SELECT count(*) AS n FROM (SELECT 1 AS one FROM "ChangeRecord" WHERE ${where} LIMIT ${budget + 1}) counted`,
  ]);
  if (recent.length >= p.limit || num(n) <= budget) return recent;

  const [targets, machines] = await Promise.all([
    matchingTargets(db, dialect, p.workspaceId, term),
    matchingMachines(db, dialect, p.workspaceId, term),
  ]);
  if (targets.length === 0 && machines.length === 0) return [];
  if (targets.length > MAX_TARGETS) {
    return db.$queryRaw<RawRow[]>`SELECT ${LIST_COLUMNS} FROM "ChangeRecord"
      WHERE ${where} AND ${searchFilter(dialect, term)} ORDER BY ${orderBy(p.dir)} LIMIT ${p.limit}`;
  }
  const arms: Sql[] = [];
  if (targets.length) arms.push(sql`SELECT ${LIST_COLUMNS} FROM "ChangeRecord" WHERE ${where} AND "target" IN (${join(targets)})`);
  if (machines.length) arms.push(sql`SELECT ${LIST_COLUMNS} FROM "ChangeRecord" WHERE ${where} AND "machineId" IN (${join(machines)})`);
  // UNION (not ALL): a record of a matching target on a matching computer is one result.
  return db.$queryRaw<RawRow[]>`SELECT ${LIST_COLUMNS} FROM (${join(arms, " UNION ")}) found ORDER BY ${orderBy(p.dir)} LIMIT ${p.limit}`;
}
