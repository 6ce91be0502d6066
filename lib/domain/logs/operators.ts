// The row operators of a pipe: where, project, project-away, project-rename, extend, sort/order, take/limit, top,
// distinct and count. Each wraps the relation before it in one more SELECT.
import type { Col, Ctx, Rel, Scalar, Scope } from "./context";
import { freshAlias, scopeOf } from "./context";
import { scalar } from "./expressions";
import { addHints } from "./hints";
import { alias } from "./sql-text";
import { defaultName, named } from "./summarize";
import { as, errorAt, kindName, listItems, textOf, type Element } from "./syntax";

import KS = Kusto.Language.Syntax;

function columnsSelect(cols: { s: Scalar }[]): string {
  return cols.map((c, i) => `${c.s.sql} AS ${alias(i)}`).join(", ");
}

function projectList(ctx: Ctx, rel: Rel, items: Element[], keepOthers: boolean): Rel {
  const t = freshAlias(ctx);
  const scope = scopeOf(rel, t);
  const out: { name: string; s: Scalar }[] = keepOthers ? rel.cols.map((c) => ({ name: c.name, s: scope.get(c.name)! })) : [];
  items.forEach((item, i) => {
    const n = named(item);
    const name = n.name ?? defaultName(n.expr, `Column${i + 1}`);
    const s = scalar(ctx, n.expr, scope);
    const at = out.findIndex((o) => o.name === name);
    if (at >= 0 && keepOthers) out[at] = { name, s };
    else if (at >= 0) throw errorAt(item, `The column ${name} is projected twice.`);
    else out.push({ name, s });
  });
  return { sql: `SELECT ${columnsSelect(out)} FROM (${rel.sql}) ${t}`, cols: out.map((o) => ({ name: o.name, type: o.s.type })) };
}

function where(ctx: Ctx, rel: Rel, op: KS.FilterOperator): Rel {
  const t = freshAlias(ctx);
  const cond = scalar(ctx, op.Condition!, scopeOf(rel, t));
  if (cond.type !== "bool") throw errorAt(op.Condition!, "where needs a condition that is true or false.");
  if (rel.base) addHints(ctx, rel.base, op.Condition!);
  return {
    sql: `SELECT * FROM (${rel.sql}) ${t} WHERE ${cond.sql}`,
    cols: rel.cols,
    base: rel.base && { ...rel.base, conds: [...rel.base.conds, op.Condition!] },
  };
}

function projectAway(ctx: Ctx, rel: Rel, items: Element[], rename?: Map<string, string>): Rel {
  const away = new Set<string>();
  for (const item of items) {
    const name = textOf(item);
    if (!rel.cols.some((c) => c.name === name)) throw errorAt(item, `Unknown column '${name}'.`);
    away.add(name);
  }
  const t = freshAlias(ctx);
  const kept = rel.cols.map((c, i) => ({ c, i })).filter(({ c }) => !away.has(c.name));
  const cols: Col[] = kept.map(({ c }) => ({ name: rename?.get(c.name) ?? c.name, type: c.type }));
  return { sql: `SELECT ${kept.map(({ i }, n) => `${t}.${alias(i)} AS ${alias(n)}`).join(", ")} FROM (${rel.sql}) ${t}`, cols };
}

function projectRename(ctx: Ctx, rel: Rel, items: Element[]): Rel {
  const rename = new Map<string, string>();
  for (const item of items) {
    const n = named(item);
    if (!n.name || kindName(n.expr) !== "NameReference") throw errorAt(item, "project-rename takes NewName = OldName.");
    const old = textOf(n.expr);
    if (!rel.cols.some((c) => c.name === old)) throw errorAt(n.expr, `Unknown column '${old}'.`);
    rename.set(old, n.name);
  }
  return projectAway(ctx, rel, [], rename);
}

/** ORDER BY terms; Kusto sorts descending unless told otherwise, nulls last when descending. */
function orderTerms(ctx: Ctx, items: Element[], scope: Scope): string {
  return items
    .map((item) => {
      let expr = item;
      let dir = "DESC";
      if (kindName(item) === "OrderedExpression") {
        const o = as<KS.OrderedExpression>(item);
        expr = o.Expression!;
        if (/^asc$/i.test(String(o.Ordering?.AscOrDescKeyword?.Text ?? ""))) dir = "ASC";
        const nulls = String(o.Ordering?.NullsClause?.FirstOrLastKeyword?.Text ?? "");
        if (nulls) return `${scalar(ctx, expr, scope).sql} ${dir} NULLS ${nulls.toUpperCase()}`;
      }
      return `${scalar(ctx, expr, scope).sql} ${dir} NULLS ${dir === "ASC" ? "FIRST" : "LAST"}`;
    })
    .join(", ");
}

function limitOf(ctx: Ctx, e: Element): string {
  const n = scalar(ctx, e, new Map());
  if (typeof n.value !== "number" || n.value < 0 || !Number.isInteger(n.value)) throw errorAt(e, "Expected a whole number of rows.");
  return ctx.params.add(n.value, "long");
}

function distinct(ctx: Ctx, rel: Rel, items: Element[]): Rel {
  if (items.length === 1 && textOf(items[0]) === "*")
    return { sql: `SELECT DISTINCT * FROM (${rel.sql}) ${freshAlias(ctx)}`, cols: rel.cols };
  const projected = projectList(ctx, rel, items, false);
  return { sql: projected.sql.replace(/^SELECT /, "SELECT DISTINCT "), cols: projected.cols };
}

/** Applies one row operator; null when the operator is not one of these. */
export function rowOperator(ctx: Ctx, rel: Rel, op: Element): Rel | null {
  const kind = kindName(op);
  switch (kind) {
    case "FilterOperator":
      return where(ctx, rel, as<KS.FilterOperator>(op));
    case "ProjectOperator":
      return projectList(ctx, rel, listItems(as<KS.ProjectOperator>(op).Expressions), false);
    case "ExtendOperator":
      return projectList(ctx, rel, listItems(as<KS.ExtendOperator>(op).Expressions), true);
    case "ProjectAwayOperator":
      return projectAway(ctx, rel, listItems(as<KS.ProjectAwayOperator>(op).Expressions));
    case "ProjectRenameOperator":
      return projectRename(ctx, rel, listItems(as<KS.ProjectRenameOperator>(op).Expressions));
    case "SortOperator": {
      const t = freshAlias(ctx);
      const terms = orderTerms(ctx, listItems(as<KS.SortOperator>(op).Expressions), scopeOf(rel, t));
      return { sql: `SELECT * FROM (${rel.sql}) ${t} ORDER BY ${terms}`, cols: rel.cols };
    }
    case "TakeOperator":
      return {
        sql: `SELECT * FROM (${rel.sql}) ${freshAlias(ctx)} LIMIT ${limitOf(ctx, as<KS.TakeOperator>(op).Expression!)}`,
        cols: rel.cols,
      };
    case "TopOperator": {
      const top = as<KS.TopOperator>(op);
      const t = freshAlias(ctx);
      const terms = orderTerms(ctx, [top.ByExpression!], scopeOf(rel, t));
      return { sql: `SELECT * FROM (${rel.sql}) ${t} ORDER BY ${terms} LIMIT ${limitOf(ctx, top.Expression!)}`, cols: rel.cols };
    }
    case "DistinctOperator":
      return distinct(ctx, rel, listItems(as<KS.DistinctOperator>(op).Expressions));
    case "CountOperator":
      return { sql: `SELECT COUNT(*) AS ${alias(0)} FROM (${rel.sql}) ${freshAlias(ctx)}`, cols: [{ name: "Count", type: "long" }] };
  }
  return null;
}
