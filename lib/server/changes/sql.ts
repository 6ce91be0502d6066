import "server-only";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { DbProvider } from "../db";

// Raw SQL shared by the dashboard's queries. The counting queries are written by hand: one statement of many
// index-range counts is several times faster than Prisma's groupBy over the same rows, on both databases.
// Identifiers are double-quoted (both SQLite and PostgreSQL read them so), enum values are written as literals
// (PostgreSQL compares an enum column with a literal, not with a text parameter), everything else is a parameter.

export type Dialect = DbProvider;

export const sql = Prisma.sql;
export const join = Prisma.join;
export const raw = Prisma.raw;
export const empty = Prisma.empty;
export type Sql = Prisma.Sql;

/** The time predicate of a period on a column ("timeGenerated" by default), as KQL means it. */
export function timeFilter(range: TimeRange, column: Sql = raw(`"timeGenerated"`)): Sql {
  const lower = range.fromExclusive ? sql`${column} > ${range.from}` : sql`${column} >= ${range.from}`;
  return range.to ? sql`${lower} AND ${column} <= ${range.to}` : lower;
}

/** Counts come back as bigint (both drivers) or number; the dashboard never counts past 2^53. */
export const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));

/** A timestamp read by raw SQL: a Date from PostgreSQL, ISO text from SQLite. */
export const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** `LIKE` pattern for a case-insensitive substring, with the user's % _ and \ taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive substring match: SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE. */
export function containsSql(dialect: Dialect, column: Sql, term: string): Sql {
  const pattern = containsPattern(term);
  return dialect === "postgres" ? sql`${column} ILIKE ${pattern} ESCAPE '\\'` : sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
