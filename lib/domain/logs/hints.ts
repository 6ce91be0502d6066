// Index hints: predicates a table scan may add because the query's own where implies them, so the database can
// use a narrower index. They never change the rows: the query's predicate stays, and a hint only holds what it
// implies. `Computer == "x"` on ConfigurationChange implies the record's machine is the workspace's machine named
// x (a record's Computer is its machine's name: machines are never renamed), which the (machineId, timeGenerated)
// index finds directly instead of scanning the workspace's period.
import type { Base, Ctx } from "./context";
import { as, kindName, textOf, type Element } from "./syntax";
import KS = Kusto.Language.Syntax;

const MARK = "\u0002";

export const hintMarker = (slot: number) => `${MARK}H${slot}${MARK}`;

/** The top-level `and` terms of a condition. */
export function conjuncts(e: Element): Element[] {
  if (kindName(e) === "ParenthesizedExpression") return conjuncts(as<KS.ParenthesizedExpression>(e).Expression!);
  if (kindName(e) === "AndExpression") {
    const b = as<KS.BinaryExpression>(e);
    return [...conjuncts(b.Left!), ...conjuncts(b.Right!)];
  }
  return [e];
}

/** The string a term `Column == "text"` (or `"text" == Column`) compares the column with, via a literal or a let. */
function equalsConstant(ctx: Ctx, e: Element, column: string): string | null {
  if (kindName(e) !== "EqualExpression") return null;
  const b = as<KS.BinaryExpression>(e);
  const sides = [b.Left!, b.Right!];
  const named = sides.findIndex((s) => kindName(s) === "NameReference" && textOf(s) === column);
  if (named < 0) return null;
  const other = sides[1 - named];
  if (kindName(other) === "StringLiteralExpression") return String(as<KS.Expression>(other).LiteralValue ?? "");
  if (kindName(other) === "NameReference") {
    const bound = ctx.lets.get(textOf(other));
    return typeof bound?.value === "string" ? bound.value : null;
  }
  return null;
}

export function addHints(ctx: Ctx, base: Base, condition: Element): void {
  if (base.table !== "ConfigurationChange") return;
  for (const term of conjuncts(condition)) {
    const computer = equalsConstant(ctx, term, "Computer");
    if (computer === null) continue;
    const ws = ctx.params.add(ctx.workspaceId, "string");
    const name = ctx.params.add(computer, "string");
    ctx.hints[base.slot].push(`r."machineId" IN (SELECT mh."id" FROM "Machine" mh WHERE mh."workspaceId" = ${ws} AND mh."name" = ${name})`);
  }
}

/** Puts each table scan's hints in its WHERE (or nothing). */
export function fillHints(ctx: Ctx, sql: string): string {
  return sql.replace(new RegExp(`${MARK}H(\\d+)${MARK}`, "g"), (_m, slot: string) => {
    const hints = ctx.hints[Number(slot)];
    return hints.length ? hints.join(" AND ") : "1 = 1";
  });
}
