// summarize: aggregations by keys (columns, expressions, bin(TimeGenerated, …)), and arg_max / arg_min.
import type { Col, Ctx, Rel, Scalar, Scope } from "./context";
import { freshAlias, scopeOf } from "./context";
import { makeSet } from "./dialect";
import { isNumeric, scalar } from "./expressions";
import { AGGREGATES } from "./functions";
import { hourlyCounts } from "./hourly-counts";
import { alias } from "./sql-text";
import { as, errorAt, kindName, listItems, textOf, type Element } from "./syntax";

import KS = Kusto.Language.Syntax;
type Call = Kusto.Language.Syntax.FunctionCallExpression;

/** An output column: its name (given, or Kusto's default) and the expression under it. */
export function named(e: Element): { name: string | null; expr: Element } {
  if (kindName(e) === "SimpleNamedExpression") {
    const n = as<KS.SimpleNamedExpression>(e);
    return { name: String(n.Name?.SimpleName ?? ""), expr: n.Expression! };
  }
  return { name: null, expr: e };
}

/** Kusto's name for an unnamed column: the column itself, or the function applied to a column. */
export function defaultName(e: Element, fallback: string): string {
  if (kindName(e) === "NameReference") return String(as<KS.NameReference>(e).SimpleName);
  if (kindName(e) === "FunctionCallExpression") {
    const call = as<Call>(e);
    const fn = String(call.Name?.SimpleName ?? "");
    const first = listItems(call.ArgumentList?.Expressions ?? null)[0];
    if (first && kindName(first) === "NameReference")
      return fn === "bin" ? defaultName(first, fallback) : `${fn}_${defaultName(first, fallback)}`;
    if (fn === "count" || fn === "countif") return `${fn}_`;
  }
  return fallback;
}

function aggregate(ctx: Ctx, e: Element, scope: Scope): Scalar {
  if (kindName(e) !== "FunctionCallExpression") throw errorAt(e, `summarize needs an aggregation such as count() here, not ${textOf(e)}.`);
  const call = as<Call>(e);
  const fn = String(call.Name?.SimpleName ?? "");
  const a = listItems(call.ArgumentList?.Expressions ?? null);
  const arg = (want: number) => {
    if (a.length !== want) throw errorAt(call, `${fn}() takes ${want} argument${want === 1 ? "" : "s"}.`);
    return scalar(ctx, a[0], scope);
  };
  switch (fn) {
    case "count":
      if (a.length > 0) throw errorAt(call, "count() takes no argument; use countif(predicate) to count some rows.");
      return { sql: "COUNT(*)", type: "long" };
    case "countif":
      return { sql: `SUM(CASE WHEN ${arg(1).sql} THEN 1 ELSE 0 END)`, type: "long" };
    case "dcount":
      return { sql: `COUNT(DISTINCT ${arg(1).sql})`, type: "long" };
    case "min":
    case "max": {
      const v = arg(1);
      return { sql: `${fn.toUpperCase()}(${v.sql})`, type: v.type };
    }
    case "sum":
    case "avg": {
      const v = arg(1);
      if (!isNumeric(v.type)) throw errorAt(call, `${fn}() takes a number, not a ${v.type}.`);
      return { sql: `${fn.toUpperCase()}(${v.sql})`, type: fn === "avg" ? "real" : v.type };
    }
    case "make_set":
      return { sql: makeSet(ctx, arg(1).sql), type: "dynamic" };
  }
  throw errorAt(
    call,
    AGGREGATES.has(fn) ? `${fn}() must be the only aggregation of its summarize.` : `The aggregation ${fn}() is not supported.`,
  );
}

function argExtreme(ctx: Ctx, rel: Rel, call: Call, keys: { name: string; s: Scalar }[], scope: Scope, t: string): Rel {
  const fn = String(call.Name?.SimpleName ?? "");
  const a = listItems(call.ArgumentList?.Expressions ?? null);
  if (a.length < 2)
    throw errorAt(call, `${fn}() takes the expression to maximise and the columns to return, e.g. ${fn}(TimeGenerated, *).`);
  const by = scalar(ctx, a[0], scope);
  const cols: Col[] = keys.map((k) => ({ name: k.name, type: k.s.type }));
  const select = keys.map((k, i) => `${k.s.sql} AS ${alias(i)}`);
  const add = (name: string, s: Scalar) => {
    if (cols.some((c) => c.name === name)) return;
    select.push(`${s.sql} AS ${alias(cols.length)}`);
    cols.push({ name, type: s.type });
  };
  add(defaultName(a[0], `${fn}_`), by);
  for (const item of a.slice(1)) {
    if (textOf(item) === "*") {
      for (const c of rel.cols) add(c.name, { sql: scope.get(c.name)!.sql, type: c.type });
    } else {
      const n = named(item);
      add(n.name ?? defaultName(n.expr, `${fn}_arg`), scalar(ctx, n.expr, scope));
    }
  }
  const partition = keys.length ? `PARTITION BY ${keys.map((k) => k.s.sql).join(", ")} ` : "";
  const order = `${by.sql} ${fn === "arg_max" ? "DESC" : "ASC"}`;
  const inner = `SELECT ${select.join(", ")}, ROW_NUMBER() OVER (${partition}ORDER BY ${order}) AS "rn" FROM (${rel.sql}) ${t}`;
  const outer = freshAlias(ctx);
  return {
    sql: `SELECT ${cols.map((_c, i) => `${outer}.${alias(i)} AS ${alias(i)}`).join(", ")} FROM (${inner}) ${outer} WHERE ${outer}."rn" = 1`,
    cols,
  };
}

export function summarize(ctx: Ctx, rel: Rel, op: KS.SummarizeOperator): Rel {
  const fast = hourlyCounts(ctx, rel, op);
  if (fast) return fast;
  const t = freshAlias(ctx);
  const scope = scopeOf(rel, t);
  const keys = listItems(op.ByClause?.Expressions ?? null).map((k, i) => {
    const n = named(k);
    return { name: n.name ?? defaultName(n.expr, `Column${i + 1}`), s: scalar(ctx, n.expr, scope) };
  });
  const aggs = listItems(op.Aggregates);
  const single = aggs.length === 1 ? named(aggs[0]) : null;
  if (single && kindName(single.expr) === "FunctionCallExpression") {
    const fn = String(as<Call>(single.expr).Name?.SimpleName ?? "");
    if (fn === "arg_max" || fn === "arg_min") return argExtreme(ctx, rel, as<Call>(single.expr), keys, scope, t);
  }
  const cols: Col[] = [];
  const select: string[] = [];
  const push = (name: string, s: Scalar) => {
    let unique = name;
    for (let n = 1; cols.some((c) => c.name === unique); n++) unique = `${name}${n}`;
    select.push(`${s.sql} AS ${alias(cols.length)}`);
    cols.push({ name: unique, type: s.type });
  };
  keys.forEach((k) => push(k.name, k.s));
  aggs.forEach((agg) => {
    const n = named(agg);
    push(n.name ?? defaultName(n.expr, "Column"), aggregate(ctx, n.expr, scope));
  });
  if (aggs.length === 0 && keys.length === 0) throw errorAt(op, "summarize needs an aggregation or a by clause.");
  const groupBy = keys.length ? ` GROUP BY ${keys.map((_k, i) => i + 1).join(", ")}` : "";
  return { sql: `SELECT ${select.join(", ")} FROM (${rel.sql}) ${t}${groupBy}`, cols };
}
