import "server-only";
import type { Statement } from "@/lib/domain/logs/sql-text";
import { databaseKind, type Db } from "../db";
import { AppError } from "../errors";

/** How long one Logs query may run before it is stopped (milliseconds). */
export const QUERY_TIME_LIMIT_MS = Number(process.env.VIGIL_QUERY_TIME_LIMIT_MS ?? 30_000);

const timedOut = () =>
  new AppError(
    "bad_request",
    `The query ran longer than ${QUERY_TIME_LIMIT_MS / 1000} s and was stopped. Narrow the time range or filter earlier.`,
  );

/** Rows as arrays in the statement's column order: its columns are "c0".."cN". */
function toArrays(rows: Record<string, unknown>[]): unknown[][] {
  if (rows.length === 0) return [];
  const width = Object.keys(rows[0]).length;
  return rows.map((r) => Array.from({ length: width }, (_v, i) => r[`c${i}`]));
}

/**
 * Runs one translated statement. PostgreSQL: in a READ ONLY transaction with a statement_timeout. SQLite: the
 * statement is a SELECT the translator wrote (nothing else can be expressed), read on the shared connection.
 */
export async function executeStatement(db: Db, st: Statement): Promise<unknown[][]> {
  if (databaseKind(db) === "postgres") {
    try {
      return await db.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
          await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(QUERY_TIME_LIMIT_MS))}`);
          return toArrays(await tx.$queryRawUnsafe<Record<string, unknown>[]>(st.text, ...st.params));
        },
        { timeout: QUERY_TIME_LIMIT_MS + 5_000 },
      );
    } catch (err) {
      if (/statement timeout|canceling statement/i.test(String((err as Error)?.message))) throw timedOut();
      throw err;
    }
  }
  return toArrays(await db.$queryRawUnsafe<Record<string, unknown>[]>(st.text, ...st.params));
}
