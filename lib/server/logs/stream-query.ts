import "server-only";
import type { TQueryBody, TQueryColumn } from "@/lib/contracts/query";
import type { Db } from "../db";
import { sqliteFileOf } from "../db";
import { cellOf } from "./cells";
import { queryFailure, QUERY_TIME_LIMIT_MS } from "./execute";
import { pgBatches } from "./pg-cursor";
import { translateRequest } from "./run-query";
import { sqliteBatches } from "./sqlite-reader";

/** An export may read for this long in all (its reading time; the time a slow download waits does not count on SQLite). */
export const EXPORT_TIME_LIMIT_MS = Number(process.env.VIGIL_EXPORT_TIME_LIMIT_MS ?? 10 * 60_000);

export type Cell = ReturnType<typeof cellOf>;

export type QueryStream = { columns: TQueryColumn[]; rows: AsyncGenerator<Cell[]> };

/**
 * Every row of a Logs query, past the 10,000-row cap, for export: read in batches (a worker's iterator on SQLite, a
 * cursor on PostgreSQL), so memory holds one batch whatever the size. The query is translated (and refused with
 * its position) before the first row is read.
 */
export function streamQuery(db: Db, workspaceId: string, body: TQueryBody, now = new Date()): QueryStream {
  const t = translateRequest(db, workspaceId, body, now);
  const file = sqliteFileOf(db);
  const batches = file
    ? sqliteBatches(file, t.statement.text, t.statement.params, EXPORT_TIME_LIMIT_MS, 5000)
    : pgBatches(db, t.statement, QUERY_TIME_LIMIT_MS, EXPORT_TIME_LIMIT_MS);
  async function* rows(): AsyncGenerator<Cell[]> {
    try {
      for await (const batch of batches) {
        for (const r of batch) yield t.columns.map((c, i) => cellOf(c.type, r[i]));
      }
    } catch (err) {
      throw queryFailure(err, file ? EXPORT_TIME_LIMIT_MS : QUERY_TIME_LIMIT_MS);
    }
  }
  return { columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows: rows() };
}
