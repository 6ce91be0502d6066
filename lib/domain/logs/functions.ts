// Kusto scalar functions Vigil translates to SQL on both databases (extract only where the database has regular
// expressions: PostgreSQL).
import type { Ctx, Scalar, Scope } from "./context";
import { binDatetime, binNumber } from "./dialect";
import { isNumeric, literal, scalar } from "./expressions";
import { errorAt, listItems, type Element } from "./syntax";

type Call = Kusto.Language.Syntax.FunctionCallExpression;

export const AGGREGATES = new Set(["count", "countif", "dcount", "min", "max", "sum", "avg", "make_set", "arg_max", "arg_min"]);

function args(call: Call): Element[] {
  return listItems(call.ArgumentList?.Expressions ?? null);
}

function arity(call: Call, name: string, min: number, max = min): Element[] {
  const a = args(call);
  if (a.length < min || a.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw errorAt(call, `${name}() takes ${want} argument${max === 1 ? "" : "s"}, not ${a.length}.`);
  }
  return a;
}

const text = (s: Scalar) => (s.type === "string" ? `COALESCE(${s.sql}, '')` : `COALESCE(CAST(${s.sql} AS TEXT), '')`);

function emptiness(s: Scalar): string {
  return s.type === "string" ? `(${s.sql} IS NULL OR ${s.sql} = '')` : `(${s.sql} IS NULL)`;
}

export function callFunction(ctx: Ctx, call: Call, scope: Scope): Scalar {
  const name = String(call.Name?.SimpleName ?? "");
  const one = (i = 0) => scalar(ctx, arity(call, name, 1)[i], scope);
  if (AGGREGATES.has(name)) throw errorAt(call, `${name}() is an aggregation: use it in summarize.`);
  switch (name) {
    case "now":
      arity(call, name, 0);
      return literal(ctx, ctx.now, "datetime");
    case "ago": {
      const span = one();
      if (span.type !== "timespan" || typeof span.value !== "number") throw errorAt(call, "ago() takes a timespan, e.g. ago(14d).");
      return literal(ctx, new Date(ctx.now.getTime() - span.value), "datetime");
    }
    case "isempty":
      return { sql: emptiness(one()), type: "bool" };
    case "isnotempty":
      return { sql: `(NOT ${emptiness(one())})`, type: "bool" };
    case "isnull":
      return { sql: `(${one().sql} IS NULL)`, type: "bool" };
    case "isnotnull":
      return { sql: `(${one().sql} IS NOT NULL)`, type: "bool" };
    case "not":
      return { sql: `(NOT ${one().sql})`, type: "bool" };
    case "tolower":
      return { sql: `LOWER(${text(one())})`, type: "string" };
    case "toupper":
      return { sql: `UPPER(${text(one())})`, type: "string" };
    case "strlen":
      return { sql: `LENGTH(${text(one())})`, type: "long" };
    case "tostring":
      return { sql: text(one()), type: "string" };
    case "tolong":
    case "toint":
      return { sql: `CAST(${one().sql} AS ${name === "toint" ? "INTEGER" : "BIGINT"})`, type: name === "toint" ? "int" : "long" };
    case "toreal":
    case "todouble":
      return { sql: `CAST(${one().sql} AS DOUBLE PRECISION)`, type: "real" };
    case "strcat": {
      const parts = args(call).map((a) => text(scalar(ctx, a, scope)));
      if (parts.length === 0) throw errorAt(call, "strcat() needs at least one argument.");
      return { sql: `(${parts.join(" || ")})`, type: "string" };
    }
    case "substring": {
      const [s, start, len] = arity(call, name, 2, 3).map((a) => scalar(ctx, a, scope));
      // PostgreSQL has substr(text, int, int) only.
      const from = `CAST(${start.sql} + 1 AS INTEGER)`;
      return { sql: len ? `SUBSTR(${text(s)}, ${from}, CAST(${len.sql} AS INTEGER))` : `SUBSTR(${text(s)}, ${from})`, type: "string" };
    }
    case "replace_string": {
      const [s, find, by] = arity(call, name, 3).map((a) => scalar(ctx, a, scope));
      return { sql: `REPLACE(${text(s)}, ${text(find)}, ${text(by)})`, type: "string" };
    }
    case "iff":
    case "iif": {
      const [c, a, b] = arity(call, name, 3).map((x) => scalar(ctx, x, scope));
      return { sql: `(CASE WHEN ${c.sql} THEN ${a.sql} ELSE ${b.sql} END)`, type: a.type };
    }
    case "coalesce": {
      const all = args(call).map((a) => scalar(ctx, a, scope));
      if (all.length < 2) throw errorAt(call, "coalesce() needs at least two arguments.");
      return { sql: `COALESCE(${all.map((a) => a.sql).join(", ")})`, type: all[0].type };
    }
    case "extract":
      return extract(ctx, call, scope);
    case "bin":
    case "floor": {
      const [v, size] = arity(call, name, 2).map((a) => scalar(ctx, a, scope));
      if (v.type === "datetime") {
        if (size.type !== "timespan" || typeof size.value !== "number" || size.value <= 0) {
          throw errorAt(call, `${name}() of a datetime takes a constant timespan, e.g. bin(TimeGenerated, 1h).`);
        }
        return { sql: binDatetime(ctx, v.sql, size.value), type: "datetime" };
      }
      if (!isNumeric(v.type) || !isNumeric(size.type)) throw errorAt(call, `${name}() takes a number or a datetime.`);
      return { sql: binNumber(ctx, v.sql, size.sql), type: v.type };
    }
    case "startofday": {
      const v = one();
      if (v.type !== "datetime") throw errorAt(call, "startofday() takes a datetime.");
      return { sql: binDatetime(ctx, v.sql, 86_400_000), type: "datetime" };
    }
  }
  throw errorAt(call, `The function ${name}() is not supported in Vigil's Logs queries.`);
}

function extract(ctx: Ctx, call: Call, scope: Scope): Scalar {
  const [re, group, source] = arity(call, "extract", 3).map((a) => scalar(ctx, a, scope));
  if (ctx.dialect !== "postgres") {
    throw errorAt(call, "extract() needs regular expressions, which this server's SQLite database does not have (PostgreSQL does).");
  }
  if (typeof re.value !== "string" || typeof group.value !== "number") {
    throw errorAt(call, 'extract() takes a constant pattern and group, e.g. extract("user=(\\\\w+)", 1, Text).');
  }
  // regexp_match's array holds the groups (or the whole match when the pattern has none) from 1.
  const index = ctx.params.add(Math.max(group.value, 1), "int");
  return { sql: `((REGEXP_MATCH(${text(source)}, ${re.sql}))[${index}])`, type: "string" };
}
