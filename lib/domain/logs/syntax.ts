// Kusto's own parser (Kusto.Language, bridged to JavaScript) and small helpers to read its syntax tree.
import "@kusto/language-service-next/bridge.js";
import "@kusto/language-service-next";
import { KqlError } from "./query-error";

export type Node = Kusto.Language.Syntax.SyntaxNode;
export type Element = Kusto.Language.Syntax.SyntaxElement;
export type Expr = Kusto.Language.Syntax.Expression;

export const SK = Kusto.Language.Syntax.SyntaxKind;

const KIND_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(SK as unknown as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === "number")
    .map(([name, n]) => [n, name]),
);

/** The name of a node's kind, e.g. "FilterOperator", for checks and error messages. */
export function kindName(e: Element): string {
  return KIND_NAMES[e.Kind] ?? "Unknown";
}

/** Parses the text; the first syntax error becomes a KqlError at its position. */
export function parseKql(text: string): Kusto.Language.Syntax.QueryBlock {
  const code = Kusto.Language.KustoCode.Parse(text);
  if (!code) throw new KqlError("The query could not be read.", 0, text.length);
  const diagnostics = code.GetDiagnostics();
  if (diagnostics && diagnostics.Count > 0) {
    const d = diagnostics.getItem(0);
    throw new KqlError(`Syntax error: ${d.Message}`, d.Start, Math.max(d.Length, 1));
  }
  return code.Syntax as Kusto.Language.Syntax.QueryBlock;
}

export function childrenOf(e: Element): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < e.ChildCount; i++) {
    const c = e.GetChild(i);
    if (c) out.push(c);
  }
  return out;
}

/** The elements of a (separated) syntax list, without the separators. */
export function listItems<T extends Element = Element>(list: Element | null): T[] {
  if (!list) return [];
  const out: T[] = [];
  for (const item of childrenOf(list)) {
    if (kindName(item) === "SeparatedElement") {
      const inner = item.GetChild(0);
      if (inner) out.push(inner as T);
    } else out.push(item as T);
  }
  return out;
}

/** A KqlError spanning a node. */
export function errorAt(e: Element, message: string): KqlError {
  return new KqlError(message, e.TextStart, Math.max(e.Width, 1));
}

/** The node as the given subtype (the caller has checked its kind). */
export function as<T>(e: Element): T {
  return e as unknown as T;
}

/** The source text of a node, without leading trivia. */
export function textOf(e: Element): string {
  return String((e as unknown as { ToString(t: number): string }).ToString(0) ?? "").trim();
}

/** True when any name reference under the node names the column. */
export function mentions(e: Element, column: string): boolean {
  if (kindName(e) === "NameReference" && as<Kusto.Language.Syntax.NameReference>(e).SimpleName === column) return true;
  return childrenOf(e).some((c) => mentions(c, column));
}

/** Every node of a kind under (and including) a node. */
export function findAll(e: Element, kind: string, out: Element[] = []): Element[] {
  if (kindName(e) === kind) out.push(e);
  for (const c of childrenOf(e)) findAll(c, kind, out);
  return out;
}
