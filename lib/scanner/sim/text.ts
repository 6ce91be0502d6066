// Text files the simulator can upload (config files, scripts): a template whose "slots" are lines with a few
// alternatives. An admin's edit switches one slot to another alternative, so contents stay realistic, a change
// reads as a meaningful before/after diff, and a file can never grow without bound.

/** A fixed line, or a slot: its alternatives, the first being the default and "" meaning "line absent". */
export type Line = string | readonly string[];

export interface TextTemplate {
  lines: readonly Line[];
  /** Line ending: "\r\n" for Windows files. */
  eol?: string;
}

export const slotCount = (t: TextTemplate) => t.lines.reduce((n, l) => n + (typeof l === "string" ? 0 : 1), 0);

export function renderTemplate(t: TextTemplate, choices: readonly number[] = []): string {
  const eol = t.eol ?? "\n";
  const out: string[] = [];
  let slot = 0;
  for (const line of t.lines) {
    if (typeof line === "string") {
      out.push(line);
      continue;
    }
    const text = line[choices[slot] ?? 0] ?? line[0];
    slot++;
    if (text !== "") out.push(text);
  }
  return out.join(eol) + eol;
}

/** Sets slot `slot` to alternative `option` (indexes wrap), returning new choices. */
export function withChoice(t: TextTemplate, choices: readonly number[], slot: number, option: number): number[] {
  const n = slotCount(t);
  const next = Array.from({ length: n }, (_, i) => choices[i] ?? 0);
  const line = t.lines.filter((l) => typeof l !== "string")[slot % n] as readonly string[];
  next[slot % n] = ((option % line.length) + line.length) % line.length;
  return next;
}

/** Number of alternatives of each slot. */
export function slotSizes(t: TextTemplate): number[] {
  return t.lines.filter((l): l is readonly string[] => typeof l !== "string").map((l) => l.length);
}

const encoder = new TextEncoder();
export const utf8 = (s: string) => encoder.encode(s);
export const byteLength = (s: string) => Buffer.byteLength(s, "utf8");
