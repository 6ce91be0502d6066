import "server-only";
import { QUERY_ROW_CAP, type TQueryBody, type TQueryResult } from "@/lib/contracts/query";
import { parseTimespan } from "@/lib/domain/logs/iso-timespan";
import { KqlError } from "@/lib/domain/logs/query-error";
import { translateKql, type Translation } from "@/lib/domain/logs/translate";
import { databaseKind, type Db } from "../db";
import { AppError } from "../errors";
import { cellOf } from "./cells";
import { executeStatement, rowCheckFor } from "./execute";

/** Translates a request's query for the workspace; a query Vigil cannot run is a 400 naming where. */
export function translateRequest(db: Db, workspaceId: string, body: TQueryBody, now: Date, limit?: number): Translation {
  let range = null;
  if (body.timespan !== undefined) {
    range = parseTimespan(body.timespan, now);
    if (!range) {
      throw new AppError("bad_request", `timespan "${body.timespan}" is not an ISO 8601 duration (PT1H, P7D) or interval (start/end).`);
    }
  }
  try {
    return translateKql(body.query, { dialect: databaseKind(db), workspaceId, now, range, limit, rowCheck: rowCheckFor(db) });
  } catch (err) {
    if (err instanceof KqlError) throw new AppError("bad_request", err.message, undefined, err.positionIn(body.query));
    throw err;
  }
}

/** Runs a Logs query inside the workspace: read-only, at most QUERY_ROW_CAP rows, within the time limit. */
export async function runQuery(db: Db, workspaceId: string, body: TQueryBody, now = new Date()): Promise<TQueryResult> {
  const t = translateRequest(db, workspaceId, body, now, QUERY_ROW_CAP);
  const raw = await executeStatement(db, t.statement);
  const truncated = raw.length > QUERY_ROW_CAP;
  const rows = (truncated ? raw.slice(0, QUERY_ROW_CAP) : raw).map((r) => t.columns.map((c, i) => cellOf(c.type, r[i])));
  return {
    tables: [{ name: "PrimaryResult", columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows }],
    ...(truncated ? { truncated } : {}),
  };
}
