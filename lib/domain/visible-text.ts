// Text nobody can see: control characters, bidirectional overrides and zero-width characters. A name made only of
// them renders as nothing (a zero-width link); a bidi override (U+202E) makes a name read backwards.

/** Characters that change the direction of the text around them (embeddings, overrides, isolates, marks). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Control and format characters, shown as a code wherever user or agent text appears. ZWJ joins emoji: kept. */
const HIDDEN = /[\p{Cc}\p{Cf}]/u;
const HIDDEN_ALL = /([\p{Cc}\p{Cf}])/gu;
/** Characters that draw nothing: white space, controls, format characters and fillers. */
const BLANK = /^[\p{White_Space}\p{Cc}\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]*$/u;

/** "U+202E" for a character. */
export const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

export function hasBidiControl(s: string): boolean {
  return BIDI.test(s);
}

export function hasNoVisibleCharacter(s: string): boolean {
  return BLANK.test(s);
}

/**
 * Why a name cannot be accepted, or null: it must show at least one character, and hold no bidirectional control
 * (which would make it read differently from what it is). `label` starts the sentence ("The item name").
 */
export function invisibleNameError(s: string, label: string): string | null {
  if (s === "") return null;
  if (hasNoVisibleCharacter(s))
    return `${label} has no visible character (only spaces, control or zero-width characters); enter a name people can read.`;
  const bidi = BIDI.exec(s);
  if (bidi)
    return `${label} contains a bidirectional control character (${codePoint(bidi[0])}) that makes it read differently from what it is; remove it.`;
  return null;
}

export type TextPart = { text: string; hidden: false } | { text: string; hidden: true; code: string };

/** The text cut into what renders as is and the hidden characters to show as their code points. */
export function splitHidden(s: string): TextPart[] {
  if (!HIDDEN.test(s)) return [{ text: s, hidden: false }];
  return s
    .split(HIDDEN_ALL)
    .filter((part) => part !== "")
    .map((part): TextPart =>
      part.length <= 2 && HIDDEN.test(part) && part !== "\u200D"
        ? { text: part, hidden: true, code: codePoint(part) }
        : { text: part, hidden: false },
    );
}
