// Kusto query text → one parameterised SQL statement over the caller's workspace, on SQLite or PostgreSQL.
import type { Col, Ctx, TimeRange } from "./context";
import { scalar } from "./expressions";
import { KqlError } from "./query-error";
import { ParamList, type Dialect, type Statement } from "./sql-text";
import { as, errorAt, findAll, kindName, listItems, mentions, parseKql, type Element } from "./syntax";
import { fillHints } from "./hints";
import { tabular } from "./tabular";

import KS = Kusto.Language.Syntax;

export type TranslateOptions = {
  dialect: Dialect;
  workspaceId: string;
  now: Date;
  /** The request's time range; ignored when the query filters on TimeGenerated itself. */
  range: TimeRange | null;
  /** At most this many rows (the statement asks for one more, to tell that more exist). */
  limit?: number;
  /** SQL the server adds to every table scan, e.g. the SQLite reader's deadline check; never user text. */
  rowCheck?: string;
};

export type Translation = { statement: Statement; columns: Col[]; rangeApplied: boolean };

const TABULAR_KINDS = new Set(["PipeExpression", "UnionOperator"]);

/** True when a where of the query names TimeGenerated: then the request's time range does not apply. */
export function filtersOnTime(root: Element): boolean {
  return findAll(root, "FilterOperator").some((f) => mentions(f, "TimeGenerated"));
}

export function translateKql(text: string, opts: TranslateOptions): Translation {
  if (text.trim() === "") throw new KqlError("The query is empty.", 0, 0);
  const root = parseKql(text);
  const rangeApplied = opts.range !== null && !filtersOnTime(root);
  const ctx: Ctx = {
    params: new ParamList(opts.dialect),
    dialect: opts.dialect,
    now: opts.now,
    workspaceId: opts.workspaceId,
    range: rangeApplied ? opts.range : null,
    lets: new Map(),
    next: 0,
    tables: new Set(),
    rowCheck: opts.rowCheck ?? null,
    hints: [],
  };
  let query: Element | null = null;
  for (const statement of listItems(root.Statements)) {
    const kind = kindName(statement);
    if (query) throw errorAt(statement, "Only one query may follow the let statements.");
    if (kind === "LetStatement") {
      const let_ = as<KS.LetStatement>(statement);
      const value = let_.Expression!;
      if (TABULAR_KINDS.has(kindName(value)))
        throw errorAt(value, "let names scalar values only (a number, string, datetime or timespan).");
      ctx.lets.set(String(let_.Name?.SimpleName ?? ""), scalar(ctx, value, new Map()));
    } else if (kind === "ExpressionStatement") {
      query = as<KS.ExpressionStatement>(statement).Expression;
    } else throw errorAt(statement, `The statement '${kind}' is not supported in Vigil's Logs queries.`);
  }
  if (!query) throw new KqlError("The query has no tabular expression after its let statements.", 0, text.length);
  const rel = tabular(ctx, query);
  const sql = opts.limit === undefined ? rel.sql : `SELECT * FROM (${rel.sql}) q LIMIT ${ctx.params.add(opts.limit + 1, "long")}`;
  return { statement: ctx.params.finish(fillHints(ctx, sql)), columns: rel.cols, rangeApplied };
}
