// The few places where SQLite and PostgreSQL need different SQL for the same Kusto meaning.
import type { Ctx } from "./context";

/** SQLite's text form of Prisma DateTime values, so computed datetimes compare with stored ones. */
const SQLITE_DATE_FORMAT = `'%Y-%m-%dT%H:%M:%f+00:00'`;

/** On SQLite, bins of a whole second, minute, hour or day cut the ISO text instead of computing with it. */
const SQLITE_TEXT_BINS: Record<number, [number, string]> = {
  1000: [19, ".000+00:00"],
  60_000: [16, ":00.000+00:00"],
  3_600_000: [13, ":00:00.000+00:00"],
  86_400_000: [10, "T00:00:00.000+00:00"],
};

/** bin(datetime, span): the start of the span-long bucket (from 1970-01-01) the time falls in. */
export function binDatetime(ctx: Ctx, sql: string, spanMs: number): string {
  const cut = SQLITE_TEXT_BINS[spanMs];
  if (ctx.dialect === "sqlite" && cut) return `(SUBSTR(${sql}, 1, ${cut[0]}) || '${cut[1]}')`;
  const seconds = ctx.params.add(spanMs / 1000, "real");
  if (ctx.dialect === "postgres") {
    return `(TIMESTAMP '1970-01-01' + FLOOR(EXTRACT(EPOCH FROM ${sql}) / ${seconds}) * ${seconds} * INTERVAL '1 second')`;
  }
  return `strftime(${SQLITE_DATE_FORMAT}, CAST(unixepoch(${sql}) / ${seconds} AS INTEGER) * ${seconds}, 'unixepoch')`;
}

/** datetime + timespan (milliseconds, possibly negative). */
export function addToDatetime(ctx: Ctx, sql: string, msSql: string): string {
  if (ctx.dialect === "postgres") return `(${sql} + ${msSql} * INTERVAL '1 millisecond')`;
  return `strftime(${SQLITE_DATE_FORMAT}, ${sql}, (${msSql} / 1000.0) || ' seconds')`;
}

/** Numeric bin: floor(x / n) * n. */
export function binNumber(ctx: Ctx, sql: string, sizeSql: string): string {
  if (ctx.dialect === "postgres") return `(FLOOR(${sql} / ${sizeSql}) * ${sizeSql})`;
  return `(CAST(FLOOR(${sql} * 1.0 / ${sizeSql}) AS INTEGER) * ${sizeSql})`;
}

/** Case-insensitive LIKE with backslash escapes. */
export function likeInsensitive(ctx: Ctx, sql: string, patternSql: string): string {
  return ctx.dialect === "postgres" ? `(${sql} ILIKE ${patternSql} ESCAPE '\\')` : `(${sql} LIKE ${patternSql} ESCAPE '\\')`;
}

/** Case-sensitive substring test. */
export function containsSensitive(ctx: Ctx, sql: string, needleSql: string): string {
  return ctx.dialect === "postgres" ? `(STRPOS(${sql}, ${needleSql}) > 0)` : `(INSTR(${sql}, ${needleSql}) > 0)`;
}

/** A set of distinct values as JSON array text. */
export function makeSet(ctx: Ctx, sql: string): string {
  return ctx.dialect === "postgres" ? `CAST(COALESCE(JSON_AGG(DISTINCT ${sql}), '[]') AS TEXT)` : `json_group_array(DISTINCT ${sql})`;
}

/** Escapes LIKE's wildcards so the user's text is matched literally. */
export function likeEscape(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
