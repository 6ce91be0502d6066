import "server-only";
import type { TQueryBody } from "@/lib/contracts/query";
import type { Db } from "../db";
import type { CsvColumn, CsvValue } from "../export/csv-stream";
import { csvResponse, fileName } from "../export/download";
import { streamQuery, type Cell } from "./stream-query";

const csvValue = (cell: Cell): CsvValue => (cell !== null && typeof cell === "object" ? JSON.stringify(cell) : cell);

/** Every row of a Logs query as a streamed CSV download, named after the tables it reads. */
export function queryCsv(db: Db, workspaceId: string, body: TQueryBody, now = new Date()): Response {
  const stream = streamQuery(db, workspaceId, body, now);
  const columns: CsvColumn<Cell[]>[] = stream.columns.map((c, i) => ({ header: c.name, value: (row) => csvValue(row[i]) }));
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, "-");
  return csvResponse(columns, { name: fileName(["query", stamp], "csv"), rows: stream.rows });
}
