// Kusto scalar expressions → SQL. Literals become parameters; names become column references of the scope.
import type { KType } from "./catalogue";
import type { Ctx, Scalar, Scope } from "./context";
import { addToDatetime, containsSensitive, likeEscape, likeInsensitive } from "./dialect";
import { callFunction } from "./functions";
import { as, errorAt, kindName, listItems, textOf, type Element, type Expr } from "./syntax";
import { datetimeValue, timespanMs } from "./timespan";

import KS = Kusto.Language.Syntax;

export const isNumeric = (t: KType) => t === "long" || t === "int" || t === "real";

export function literal(ctx: Ctx, value: string | number | boolean | Date, type: KType): Scalar {
  return { sql: ctx.params.add(value, type), type, value };
}

function literalOf(ctx: Ctx, e: Element): Scalar {
  const kind = kindName(e);
  const lit = as<Expr>(e);
  const text = textOf(e);
  switch (kind) {
    case "StringLiteralExpression":
      return literal(ctx, String(lit.LiteralValue ?? ""), "string");
    case "LongLiteralExpression":
      return literal(ctx, Number(String(lit.LiteralValue)), "long");
    case "IntLiteralExpression":
      return literal(ctx, Number(String(lit.LiteralValue)), "int");
    case "RealLiteralExpression":
      return literal(ctx, Number(String(lit.LiteralValue)), "real");
    case "BooleanLiteralExpression":
      return literal(ctx, /^true$/i.test(text), "bool");
    case "TimespanLiteralExpression": {
      const ms = timespanMs(text);
      if (ms === null) throw errorAt(e, `The timespan ${text} is not supported; write it as e.g. 30m, 1h or 14d.`);
      return literal(ctx, ms, "timespan");
    }
    case "DateTimeLiteralExpression": {
      const d = datetimeValue(text);
      if (!d) throw errorAt(e, `The datetime ${text} is not valid; write e.g. datetime(2024-05-01T10:00:00Z).`);
      return literal(ctx, d, "datetime");
    }
    default:
      throw errorAt(e, `The literal ${text} (${kind}) is not supported in Vigil's Logs queries.`);
  }
}

/** A constant string the query spells out (a literal or a `let` of one): what has/contains/startswith match. */
export function constantString(ctx: Ctx, e: Element, scope: Scope, what: string): string {
  const s = scalar(ctx, e, scope);
  if (typeof s.value !== "string") throw errorAt(e, `${what} needs a constant string on its right, e.g. "text".`);
  return s.value;
}

function comparable(e: Element, l: Scalar, r: Scalar): void {
  const ok = l.type === r.type || (isNumeric(l.type) && isNumeric(r.type)) || l.type === "dynamic" || r.type === "dynamic";
  if (!ok) throw errorAt(e, `Cannot compare ${l.type} with ${r.type}.`);
}

const COMPARE: Record<string, string> = { "==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

/** has, contains, startswith, endswith and their negations and case-sensitive forms. */
function stringMatch(ctx: Ctx, e: Element, op: string, l: Scalar, right: Element, scope: Scope): Scalar | null {
  const m = /^(!?)(has|contains|startswith|endswith)(_cs)?$/.exec(op);
  if (!m) return null;
  const [, not, how, cs] = m;
  const term = constantString(ctx, right, scope, op);
  const subject = l.type === "string" ? l.sql : `CAST(${l.sql} AS TEXT)`;
  let sql: string;
  if (cs) {
    const needle = ctx.params.add(term, "string");
    if (how === "startswith") sql = `(SUBSTR(${subject}, 1, LENGTH(${needle})) = ${needle})`;
    else if (how === "endswith") sql = `(SUBSTR(${subject}, -LENGTH(${needle})) = ${needle} OR ${needle} = '')`;
    else sql = containsSensitive(ctx, subject, needle);
  } else {
    const escaped = likeEscape(term);
    const pattern = how === "startswith" ? `${escaped}%` : how === "endswith" ? `%${escaped}` : `%${escaped}%`;
    sql = likeInsensitive(ctx, subject, ctx.params.add(pattern, "string"));
  }
  return { sql: not ? `(NOT ${sql})` : sql, type: "bool" };
}

function binary(ctx: Ctx, e: Element, scope: Scope): Scalar {
  const b = as<KS.BinaryExpression>(e);
  const op = String(b.Operator?.Text ?? "").toLowerCase();
  const l = scalar(ctx, b.Left!, scope);
  const matched = stringMatch(ctx, e, op, l, b.Right!, scope);
  if (matched) return matched;
  const r = scalar(ctx, b.Right!, scope);
  if (op === "and" || op === "or") return { sql: `(${l.sql} ${op.toUpperCase()} ${r.sql})`, type: "bool" };
  if (op in COMPARE) {
    comparable(e, l, r);
    return { sql: `(${l.sql} ${COMPARE[op]} ${r.sql})`, type: "bool" };
  }
  if (op === "=~" || op === "!~") {
    const sql = `(LOWER(${l.sql}) = LOWER(${r.sql}))`;
    return { sql: op === "!~" ? `(NOT ${sql})` : sql, type: "bool" };
  }
  if (["+", "-", "*", "/", "%"].includes(op)) return arithmetic(ctx, e, op, l, r);
  throw errorAt(b.Operator ?? e, `The operator ${op} is not supported in Vigil's Logs queries.`);
}

function arithmetic(ctx: Ctx, e: Element, op: string, l: Scalar, r: Scalar): Scalar {
  if (l.type === "datetime" && r.type === "timespan" && (op === "+" || op === "-")) {
    return { sql: addToDatetime(ctx, l.sql, op === "-" ? `(-${r.sql})` : r.sql), type: "datetime" };
  }
  if (!isNumeric(l.type) || !isNumeric(r.type)) throw errorAt(e, `Cannot apply ${op} to ${l.type} and ${r.type}.`);
  const type: KType = l.type === "real" || r.type === "real" ? "real" : l.type === "long" || r.type === "long" ? "long" : "int";
  return { sql: `(${l.sql} ${op} ${r.sql})`, type };
}

function inList(ctx: Ctx, e: Element, scope: Scope): Scalar {
  const x = as<KS.InExpression>(e);
  const op = String(x.Operator?.Text ?? "").toLowerCase();
  const l = scalar(ctx, x.Left!, scope);
  const items = listItems(x.Right?.Expressions ?? null).map((i) => scalar(ctx, i, scope));
  if (items.length === 0) throw errorAt(e, `${op} needs at least one value.`);
  const insensitive = op.endsWith("~");
  const subject = insensitive ? `LOWER(${l.sql})` : l.sql;
  const values = items.map((i) => (insensitive ? `LOWER(${i.sql})` : i.sql)).join(", ");
  const negated = op.startsWith("!");
  return { sql: `(${subject} ${negated ? "NOT IN" : "IN"} (${values}))`, type: "bool" };
}

function between(ctx: Ctx, e: Element, scope: Scope): Scalar {
  const x = as<KS.BetweenExpression>(e);
  const op = String(x.Operator?.Text ?? "").toLowerCase();
  const l = scalar(ctx, x.Left!, scope);
  const lo = scalar(ctx, x.Right!.First!, scope);
  const hi = scalar(ctx, x.Right!.Second!, scope);
  comparable(e, l, lo);
  comparable(e, l, hi);
  const sql = `(${l.sql} BETWEEN ${lo.sql} AND ${hi.sql})`;
  return { sql: op.startsWith("!") ? `(NOT ${sql})` : sql, type: "bool" };
}

/** Translates one scalar expression over the scope's columns. */
export function scalar(ctx: Ctx, e: Element, scope: Scope): Scalar {
  const kind = kindName(e);
  if (kind.endsWith("LiteralExpression")) return literalOf(ctx, e);
  switch (kind) {
    case "NameReference":
    case "BracketedExpression": {
      const name = kind === "NameReference" ? String(as<KS.NameReference>(e).SimpleName) : textOf(e);
      const col = scope.get(name);
      if (col) return { sql: col.sql, type: col.type };
      const bound = ctx.lets.get(name);
      if (bound) return bound;
      throw errorAt(e, `Unknown column or name '${name}'. Column names are case-sensitive, e.g. TimeGenerated, Computer.`);
    }
    case "ParenthesizedExpression":
      return scalar(ctx, as<KS.ParenthesizedExpression>(e).Expression!, scope);
    case "FunctionCallExpression":
      return callFunction(ctx, as<KS.FunctionCallExpression>(e), scope);
    case "UnaryMinusExpression":
    case "UnaryPlusExpression": {
      const inner = scalar(ctx, as<KS.PrefixUnaryExpression>(e).Expression!, scope);
      if (!isNumeric(inner.type) && inner.type !== "timespan") throw errorAt(e, `Cannot negate a ${inner.type}.`);
      return kind === "UnaryMinusExpression" ? { sql: `(-${inner.sql})`, type: inner.type } : inner;
    }
    case "InExpression":
    case "InCsExpression":
    case "NotInExpression":
    case "NotInCsExpression":
      return inList(ctx, e, scope);
    case "BetweenExpression":
    case "NotBetweenExpression":
      return between(ctx, e, scope);
  }
  if (e instanceof Kusto.Language.Syntax.BinaryExpression) return binary(ctx, e, scope);
  throw errorAt(e, `${textOf(e).slice(0, 40)} (${kind}) is not supported in Vigil's Logs queries.`);
}
