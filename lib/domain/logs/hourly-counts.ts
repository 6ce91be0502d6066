// `summarize count() by …` over ConfigurationChange, answered from the hourly counts the dashboard keeps
// (ChangeCount: per machine, UTC hour, change type and category) for the whole hours of the time range, and from
// the records themselves only in the partial hours at its edges — the same rows as counting the records, without
// reading a month of them. Used only when every filter and key maps onto those counts; anything else takes the
// general translation.
import type { Base, Col, Ctx, Rel, Scalar } from "./context";
import { freshAlias, scanCheck } from "./context";
import { binDatetime } from "./dialect";
import { scalar } from "./expressions";
import { conjuncts } from "./hints";
import { KqlError } from "./query-error";
import { alias } from "./sql-text";
import { defaultName, named } from "./summarize";
import { as, kindName, listItems, textOf, type Element } from "./syntax";
import KS = Kusto.Language.Syntax;

const HOUR = 3_600_000;

type Bound = { at: Date; strict: boolean };
type Plan = { lower: Bound | null; upper: Bound | null; equals: { column: string; values: string[] }[] };

const FILTERABLE: Record<string, { record: string; count: string }> = {
  Computer: { record: `r."computer"`, count: `m."name"` },
  ConfigChangeType: { record: `CAST(r."changeType" AS TEXT)`, count: `CAST(r."changeType" AS TEXT)` },
  ChangeCategory: { record: `CAST(r."category" AS TEXT)`, count: `CAST(r."category" AS TEXT)` },
};

function constant(ctx: Ctx, e: Element): Scalar | null {
  try {
    const s = scalar(ctx, e, new Map());
    return s.value === undefined ? null : s;
  } catch (err) {
    if (err instanceof KqlError) return null;
    throw err;
  }
}

const isName = (e: Element, name: string) => kindName(e) === "NameReference" && textOf(e) === name;

/** The time bounds and equality filters of the where clauses, or null when one of them is anything else. */
function planOf(ctx: Ctx, base: Base): Plan | null {
  const plan: Plan = { lower: null, upper: null, equals: [] };
  const tighten = (side: "lower" | "upper", b: Bound) => {
    const cur = plan[side];
    const later = (x: Bound, y: Bound) => x.at.getTime() > y.at.getTime() || (x.at.getTime() === y.at.getTime() && x.strict);
    if (!cur || (side === "lower" ? later(b, cur) : !later(b, cur))) plan[side] = b;
  };
  if (ctx.range) {
    tighten("lower", { at: ctx.range.from, strict: false });
    tighten("upper", { at: ctx.range.to, strict: false });
  }
  for (const term of base.conds.flatMap((c) => conjuncts(c))) {
    const kind = kindName(term);
    if (kind === "BetweenExpression") {
      const b = as<KS.BetweenExpression>(term);
      const [lo, hi] = [constant(ctx, b.Right!.First!), constant(ctx, b.Right!.Second!)];
      if (!isName(b.Left!, "TimeGenerated") || !(lo?.value instanceof Date) || !(hi?.value instanceof Date)) return null;
      tighten("lower", { at: lo.value, strict: false });
      tighten("upper", { at: hi.value, strict: false });
      continue;
    }
    if (kind === "InExpression") {
      const x = as<KS.InExpression>(term);
      const column = textOf(x.Left!);
      const values = listItems(x.Right?.Expressions ?? null).map((v) => constant(ctx, v)?.value);
      if (!(column in FILTERABLE) || kindName(x.Left!) !== "NameReference" || !values.every((v) => typeof v === "string")) return null;
      plan.equals.push({ column, values: values as string[] });
      continue;
    }
    if (!(term instanceof Kusto.Language.Syntax.BinaryExpression)) return null;
    const op = String(term.Operator?.Text ?? "");
    const [left, right] = [term.Left!, term.Right!];
    if (op === "==" && kindName(left) === "NameReference" && textOf(left) in FILTERABLE) {
      const v = constant(ctx, right)?.value;
      if (typeof v !== "string") return null;
      plan.equals.push({ column: textOf(left), values: [v] });
      continue;
    }
    const v = constant(ctx, right)?.value;
    if (!isName(left, "TimeGenerated") || !(v instanceof Date)) return null;
    if (op === ">" || op === ">=") tighten("lower", { at: v, strict: op === ">" });
    else if (op === "<" || op === "<=") tighten("upper", { at: v, strict: op === "<" });
    else return null;
  }
  return plan;
}

type Key = { name: string; column: string | null; binMs: number | null };

function keysOf(op: KS.SummarizeOperator): Key[] | null {
  const keys: Key[] = [];
  for (const [i, item] of listItems(op.ByClause?.Expressions ?? null).entries()) {
    const n = named(item);
    const name = n.name ?? defaultName(n.expr, `Column${i + 1}`);
    if (kindName(n.expr) === "NameReference" && textOf(n.expr) in FILTERABLE) keys.push({ name, column: textOf(n.expr), binMs: null });
    else if (kindName(n.expr) === "FunctionCallExpression") {
      const call = as<KS.FunctionCallExpression>(n.expr);
      const args = listItems(call.ArgumentList?.Expressions ?? null);
      const span = args.length === 2 ? textOf(args[1]).match(/^(\d+)([hd])$/) : null;
      if (String(call.Name?.SimpleName) !== "bin" || !isName(args[0], "TimeGenerated") || !span) return null;
      keys.push({ name, column: null, binMs: Number(span[1]) * (span[2] === "d" ? 24 : 1) * HOUR });
    } else return null;
  }
  return keys;
}

/** The counts fast path for this summarize, or null when it does not apply. */
export function hourlyCounts(ctx: Ctx, rel: Rel, op: KS.SummarizeOperator): Rel | null {
  if (rel.base?.table !== "ConfigurationChange") return null;
  const aggs = listItems(op.Aggregates);
  if (aggs.length !== 1) return null;
  const agg = named(aggs[0]);
  if (kindName(agg.expr) !== "FunctionCallExpression" || textOf(agg.expr) !== "count()") return null;
  const keys = keysOf(op);
  const plan = keys && planOf(ctx, rel.base);
  if (!keys || !plan || !plan.lower) return null;
  const floor = (d: Date) => new Date(Math.floor(d.getTime() / HOUR) * HOUR);
  const { lower, upper } = plan;
  const aligned = lower.at.getTime() % HOUR === 0 && !lower.strict;
  const wholeFrom = aligned ? lower.at : new Date(floor(lower.at).getTime() + HOUR);
  const wholeTo = upper ? floor(upper.at) : null;
  if (wholeTo && wholeTo.getTime() <= wholeFrom.getTime()) return null;
  const p = (v: string | Date, type: "string" | "datetime") => ctx.params.add(v, type);
  const ws = p(ctx.workspaceId, "string");
  const check = ctx.rowCheck ? [scanCheck(ctx.rowCheck, true)] : [];
  const filters = (side: "record" | "count") =>
    plan.equals.map((f) => `${FILTERABLE[f.column][side]} IN (${f.values.map((v) => p(v, "string")).join(", ")})`);
  const keySql = (side: "record" | "count", time: string) =>
    keys.map((k, i) => `${k.column ? FILTERABLE[k.column][side] : binDatetime(ctx, time, k.binMs!)} AS ${alias(i)}`);
  const n = alias(keys.length);
  const records = (range: string[]) =>
    `SELECT ${[...keySql("record", `r."timeGenerated"`), `1 AS ${n}`].join(", ")} FROM "ChangeRecord" r WHERE ${[`r."workspaceId" = ${ws}`, ...range, ...filters("record"), ...check].join(" AND ")}`;
  const t = `r."timeGenerated"`;
  const lowerPred = `${t} ${lower.strict ? ">" : ">="} ${p(lower.at, "datetime")}`;
  const upperPred = upper ? [`${t} ${upper.strict ? "<" : "<="} ${p(upper.at, "datetime")}`] : [];
  const arms: string[] = [];
  if (!aligned) arms.push(records([lowerPred, `${t} < ${p(wholeFrom, "datetime")}`, ...upperPred]));
  const hours = [`r."hour" >= ${p(wholeFrom, "datetime")}`, ...(wholeTo ? [`r."hour" < ${p(wholeTo, "datetime")}`] : [])];
  arms.push(
    `SELECT ${[...keySql("count", `r."hour"`), `r."count" AS ${n}`].join(", ")} FROM "ChangeCount" r JOIN "Machine" m ON m."id" = r."machineId" WHERE ${[`r."workspaceId" = ${ws}`, ...hours, ...filters("count")].join(" AND ")}`,
  );
  if (wholeTo) arms.push(records([`${t} >= ${p(wholeTo, "datetime")}`, ...upperPred]));
  const u = freshAlias(ctx);
  const cols: Col[] = keys.map((k) => ({ name: k.name, type: k.column ? "string" : "datetime" }));
  cols.push({ name: agg.name ?? "count_", type: "long" });
  const select = [...keys.map((_k, i) => `${u}.${alias(i)} AS ${alias(i)}`), `COALESCE(SUM(${u}.${n}), 0) AS ${n}`];
  const groupBy = keys.length ? ` GROUP BY ${keys.map((_k, i) => i + 1).join(", ")}` : "";
  return { sql: `SELECT ${select.join(", ")} FROM (${arms.join(" UNION ALL ")}) ${u}${groupBy}`, cols };
}
