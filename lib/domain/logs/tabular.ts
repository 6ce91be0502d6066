// Tabular expressions: the two tables (always read through the workspace filter), pipes, join and union.
import { isTableName, TABLES, type KType, type TableName } from "./catalogue";
import type { Col, Ctx, Rel } from "./context";
import { freshAlias, scanCheck } from "./context";
import { hintMarker } from "./hints";
import { rowOperator } from "./operators";
import { alias, PG_TYPE } from "./sql-text";
import { summarize } from "./summarize";
import { as, errorAt, kindName, listItems, textOf, type Element } from "./syntax";

import KS = Kusto.Language.Syntax;

/** A table as the server reads it: the workspace's rows only, within the time range when one applies. */
export function tableRel(ctx: Ctx, name: TableName): Rel {
  const t = TABLES[name];
  ctx.tables.add(name);
  const where = [`${t.workspacePredicate} = ${ctx.params.add(ctx.workspaceId, "string")}`];
  if (ctx.range) {
    where.push(`${t.time} >= ${ctx.params.add(ctx.range.from, "datetime")}`, `${t.time} <= ${ctx.params.add(ctx.range.to, "datetime")}`);
  }
  if (ctx.rowCheck) where.push(scanCheck(ctx.rowCheck, t.rowid));
  const slot = ctx.hints.push([]) - 1;
  where.push(hintMarker(slot));
  const select = t.columns.map((c, i) => `${c.sql} AS ${alias(i)}`).join(", ");
  return {
    sql: `SELECT ${select} FROM ${t.from} WHERE ${where.join(" AND ")}`,
    cols: t.columns.map((c) => ({ name: c.name, type: c.type })),
    base: { table: name, slot, conds: [] },
  };
}

function uniqueName(taken: Col[], name: string): string {
  let unique = name;
  for (let n = 1; taken.some((c) => c.name === unique); n++) unique = `${name}${n}`;
  return unique;
}

function parameters(list: Element | null): Map<string, { value: string; at: Element }> {
  const out = new Map<string, { value: string; at: Element }>();
  for (const p of listItems<Kusto.Language.Syntax.NamedParameter>(list)) {
    out.set(String(p.Name?.SimpleName ?? "").toLowerCase(), { value: textOf(p.Expression!), at: p });
  }
  return out;
}

function joinKeys(cond: Element, left: Rel, right: Rel): [number, number][] {
  const index = (rel: Rel, name: string, at: Element, side: string) => {
    const i = rel.cols.findIndex((c) => c.name === name);
    if (i < 0) throw errorAt(at, `The ${side} side of the join has no column '${name}'.`);
    return i;
  };
  const clause = as<KS.JoinOnClause>(cond);
  if (kindName(cond) !== "JoinOnClause") throw errorAt(cond, "join needs an on clause: on Column, or on $left.A == $right.B.");
  return listItems(clause.Expressions).map((e) => {
    if (kindName(e) === "NameReference") return [index(left, textOf(e), e, "left"), index(right, textOf(e), e, "right")];
    const m = /^\$(left|right)\.(\w+)\s*==\s*\$(left|right)\.(\w+)$/.exec(textOf(e));
    if (!m || m[1] === m[3]) throw errorAt(e, "A join key is a column name, or $left.A == $right.B.");
    const [l, r] = m[1] === "left" ? [m[2], m[4]] : [m[4], m[2]];
    return [index(left, l, e, "left"), index(right, r, e, "right")];
  });
}

function join(ctx: Ctx, left: Rel, op: KS.JoinOperator): Rel {
  const kind = parameters(op.Parameters).get("kind");
  const how = kind?.value.toLowerCase();
  if (how !== "inner" && how !== "leftouter") {
    throw errorAt(kind?.at ?? op, `join kind=${how ?? "innerunique (the default)"} is not supported; write kind=inner or kind=leftouter.`);
  }
  const right = tabular(ctx, op.Expression!);
  const keys = joinKeys(op.ConditionClause!, left, right);
  const [l, r] = [freshAlias(ctx), freshAlias(ctx)];
  const cols: Col[] = [...left.cols];
  const select = left.cols.map((_c, i) => `${l}.${alias(i)} AS ${alias(i)}`);
  right.cols.forEach((c, i) => {
    select.push(`${r}.${alias(i)} AS ${alias(cols.length)}`);
    cols.push({ name: uniqueName(cols, c.name), type: c.type });
  });
  const on = keys.map(([a, b]) => `${l}.${alias(a)} = ${r}.${alias(b)}`).join(" AND ");
  const sql = `SELECT ${select.join(", ")} FROM (${left.sql}) ${l} ${how === "inner" ? "INNER" : "LEFT"} JOIN (${right.sql}) ${r} ON ${on}`;
  return { sql, cols };
}

function union(ctx: Ctx, first: Rel | null, op: KS.UnionOperator): Rel {
  const extra = [...parameters(op.Parameters).values()][0];
  if (extra) throw errorAt(extra.at, "union takes no parameters in Vigil's Logs queries.");
  const rels = [...(first ? [first] : []), ...listItems(op.Expressions).map((e) => tabular(ctx, e))];
  const cols: Col[] = [];
  for (const rel of rels) {
    for (const c of rel.cols) {
      const seen = cols.find((o) => o.name === c.name);
      if (!seen) cols.push(c);
      else if (seen.type !== c.type)
        throw errorAt(op, `union: the column ${c.name} is ${seen.type} on one side and ${c.type} on the other.`);
    }
  }
  const nullOf = (type: KType) => (ctx.dialect === "postgres" ? `CAST(NULL AS ${PG_TYPE[type]})` : "NULL");
  const arms = rels.map((rel) => {
    const t = freshAlias(ctx);
    const select = cols.map((c, i) => {
      const at = rel.cols.findIndex((rc) => rc.name === c.name);
      return `${at >= 0 ? `${t}.${alias(at)}` : nullOf(c.type)} AS ${alias(i)}`;
    });
    return `SELECT ${select.join(", ")} FROM (${rel.sql}) ${t}`;
  });
  return { sql: arms.join(" UNION ALL "), cols };
}

function operatorName(op: Element): string {
  return textOf(op).split(/[\s(]/)[0] || kindName(op);
}

function applyOperator(ctx: Ctx, rel: Rel, op: Element): Rel {
  const row = rowOperator(ctx, rel, op);
  if (row) return row;
  switch (kindName(op)) {
    case "SummarizeOperator":
      return summarize(ctx, rel, as<KS.SummarizeOperator>(op));
    case "JoinOperator":
      return join(ctx, rel, as<KS.JoinOperator>(op));
    case "UnionOperator":
      return union(ctx, rel, as<KS.UnionOperator>(op));
  }
  throw errorAt(op, `The operator '${operatorName(op)}' is not supported in Vigil's Logs queries.`);
}

/** Translates a tabular expression: a table, a pipe, a parenthesised query, or union. */
export function tabular(ctx: Ctx, e: Element): Rel {
  switch (kindName(e)) {
    case "NameReference": {
      const name = textOf(e);
      if (isTableName(name)) return tableRel(ctx, name);
      throw errorAt(e, `Unknown table '${name}'. Vigil's Logs queries read ConfigurationChange and ConfigurationData.`);
    }
    case "ParenthesizedExpression":
      return tabular(ctx, as<KS.ParenthesizedExpression>(e).Expression!);
    case "PipeExpression": {
      const pipe = as<KS.PipeExpression>(e);
      return applyOperator(ctx, tabular(ctx, pipe.Expression!), pipe.Operator!);
    }
    case "UnionOperator":
      return union(ctx, null, as<KS.UnionOperator>(e));
  }
  throw errorAt(e, `Expected a table (ConfigurationChange or ConfigurationData) or a query, not '${textOf(e).slice(0, 40)}'.`);
}
