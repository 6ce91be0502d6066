import "server-only";
import type { Statement } from "@/lib/domain/logs/sql-text";
import { databaseKind, sqliteFileOf, type Db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { QueryTimeoutError, sqliteBatches } from "./sqlite-reader";

/** How long one Logs query may run before it is stopped (milliseconds). */
export const QUERY_TIME_LIMIT_MS = Number(process.env.VIGIL_QUERY_TIME_LIMIT_MS ?? 30_000);

/**
 * The predicate every table scan checks on SQLite (the translator takes it on about one row in 1,024 where it can,
 * see scanCheck): it throws once the query's time is up.
 */
export const SQLITE_ROW_CHECK = "vigil_in_time() = 1";

export const rowCheckFor = (db: Db): string | undefined => (sqliteFileOf(db) ? SQLITE_ROW_CHECK : undefined);

const timedOut = (limitMs: number) =>
  new AppError("bad_request", `The query ran longer than ${limitMs / 1000} s and was stopped. Narrow the time range or filter earlier.`);

const isPgTimeout = (err: unknown) => /statement timeout|canceling statement/i.test(String((err as Error)?.message));

/** Rows as arrays in the statement's column order: its columns are "c0".."cN". */
function toArrays(rows: Record<string, unknown>[]): unknown[][] {
  if (rows.length === 0) return [];
  const width = Object.keys(rows[0]).length;
  return rows.map((r) => Array.from({ length: width }, (_v, i) => r[`c${i}`]));
}

/** What the database says about a statement the translator wrote is the query's fault (data, arithmetic): a 400. */
export function queryFailure(err: unknown, limitMs: number): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof QueryTimeoutError || isPgTimeout(err)) return timedOut(limitMs);
  log.warn("logs query failed in the database", { err: String(err) });
  return new AppError(
    "bad_request",
    "The database could not run this query (for example a division by zero or a value of the wrong type).",
  );
}

/**
 * Runs one translated statement and returns all its rows (the statement carries the row cap). PostgreSQL: in a
 * READ ONLY transaction with a statement_timeout. SQLite: in a worker thread on a read-only connection, stopped
 * by the row check at the deadline.
 */
export async function executeStatement(db: Db, st: Statement, limitMs = QUERY_TIME_LIMIT_MS): Promise<unknown[][]> {
  try {
    const file = sqliteFileOf(db);
    if (file) {
      const rows: unknown[][] = [];
      for await (const batch of sqliteBatches(file, st.text, st.params, limitMs, 5000)) rows.push(...batch);
      return rows;
    }
    if (databaseKind(db) !== "postgres") return toArrays(await db.$queryRawUnsafe<Record<string, unknown>[]>(st.text, ...st.params));
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(limitMs))}`);
        return toArrays(await tx.$queryRawUnsafe<Record<string, unknown>[]>(st.text, ...st.params));
      },
      { timeout: limitMs + 5_000 },
    );
  } catch (err) {
    throw queryFailure(err, limitMs);
  }
}
