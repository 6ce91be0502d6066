// What the translator carries while it walks one query: parameters, dialect, the clock, `let` values, and the
// relations (SQL subqueries) it has built.
import type { KType, TableName } from "./catalogue";
import type { Dialect, ParamList } from "./sql-text";

export type Col = { name: string; type: KType };

/** A relation: a SELECT whose columns are "c0".."cN" in the order of `cols`. */
/** A table read with only where clauses on it: its hint slot and the conditions (syntax) applied so far. */
export type Base = { table: TableName; slot: number; conds: Kusto.Language.Syntax.SyntaxElement[] };

export type Rel = {
  sql: string;
  cols: Col[];
  /** Set while the relation is one table with only where clauses on it: the slot its index hints go in. */
  base?: Base;
};

/** A translated scalar expression: SQL text and its Kusto type; `value` when it is a constant known now. */
export type Scalar = { sql: string; type: KType; value?: string | number | boolean | Date };

/** Names an expression can refer to: columns of one or more relations (by SQL reference). */
export type Scope = Map<string, { sql: string; type: KType }>;

export type TimeRange = { from: Date; to: Date };

export type Ctx = {
  params: ParamList;
  dialect: Dialect;
  now: Date;
  workspaceId: string;
  /** Applied to every table the query reads, unless the query filters on TimeGenerated itself. */
  range: TimeRange | null;
  lets: Map<string, Scalar>;
  /** Counter for subquery aliases. */
  next: number;
  tables: Set<TableName>;
  /** A predicate every table scan checks (the SQLite reader's deadline check, see scanCheck), or null. */
  rowCheck: string | null;
  /** Predicates implied by the query's own filters that let a table scan use a better index (see hints.ts). */
  hints: string[][];
};

export function freshAlias(ctx: Ctx): string {
  ctx.next += 1;
  return `t${ctx.next}`;
}

/** The scope of a relation read through a subquery alias. */
export function scopeOf(rel: Rel, tableAlias: string): Scope {
  const scope: Scope = new Map();
  rel.cols.forEach((c, i) => scope.set(c.name, { sql: `${tableAlias}."c${i}"`, type: c.type }));
  return scope;
}

/**
 * The row check as a table scan carries it: on a table with a rowid, on about one row in 1,024 read, so that a scan of
 * a million rows calls it a thousand times, not a million, and still stops within a millisecond or so of reading.
 */
export function scanCheck(rowCheck: string, rowid: boolean): string {
  return rowid ? `((r."rowid" & 1023) <> 0 OR ${rowCheck})` : rowCheck;
}
