// Wildcards of tracked file paths: `*` (any run of characters) and `?` (exactly one character), allowed only in
// the last segment of a path (the walkthrough's rule), so a path is always "a directory + an optional pattern".

const WILDCARD = /[*?]/;

export function hasWildcard(s: string): boolean {
  return WILDCARD.test(s);
}

/** True for a segment made only of wildcards and dots (`*`, `*.*`, `**`, `?.?`): it matches (nearly) anything. */
export function isWildcardOnly(segment: string): boolean {
  return hasWildcard(segment) && /^[*?.]+$/.test(segment);
}

export interface MatchOptions {
  caseInsensitive?: boolean;
  /**
   * Windows (FindFirstFile) semantics: case-insensitive, and a trailing `.*` also matches a name without any dot,
   * so `*.*` matches every file and `hosts.*` matches `hosts`. Without it `*.*` requires a dot, as in a POSIX glob.
   */
  windows?: boolean;
}

/**
 * Does one file name match one last-segment pattern? Iterative matcher with single-star backtracking:
 * O(pattern × name) worst case and no RegExp built from user input (no ReDoS, no escaping pitfalls).
 * Unlike a shell glob, `*` also matches a leading dot: a hidden file in a tracked folder must not escape FIM.
 */
export function matchesLastSegment(pattern: string, name: string, opts: MatchOptions = {}): boolean {
  const fold = opts.caseInsensitive === true || opts.windows === true;
  const p = fold ? pattern.toLowerCase() : pattern;
  const n = fold ? name.toLowerCase() : name;
  if (globMatch(p, n)) return true;
  if (opts.windows === true && p.endsWith(".*") && !n.includes(".")) return globMatch(p.slice(0, -2), n);
  return false;
}

function globMatch(p: string, n: string): boolean {
  let pi = 0;
  let ni = 0;
  let starP = -1; // position after the last `*` seen in the pattern
  let starN = 0; // name position that `*` is currently assumed to extend to
  while (ni < n.length) {
    const pc = p[pi];
    if (pi < p.length && (pc === "?" || pc === n[ni])) {
      pi++;
      ni++;
    } else if (pi < p.length && pc === "*") {
      starP = ++pi;
      starN = ni;
    } else if (starP !== -1) {
      // Mismatch: let the last `*` swallow one more character and retry from there.
      pi = starP;
      ni = ++starN;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

export interface SplitPattern {
  /** Directory the pattern applies to; the whole path when there is no pattern. */
  dir: string;
  /** Last segment when it holds a wildcard, else null (the path names one file or one folder). */
  pattern: string | null;
}

/**
 * Splits a Linux or Windows path into directory and last-segment pattern.
 * Drive roots keep their separator (`/`, `C:\`, `%SystemDrive%\`) so the directory stays an absolute path.
 */
export function splitPattern(path: string): SplitPattern {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const last = path.slice(i + 1);
  if (!hasWildcard(last)) return { dir: path, pattern: null };
  if (i === -1) return { dir: "", pattern: last };
  const withSep = path.slice(0, i + 1);
  const isRoot = withSep === "/" || /^[A-Za-z]:\\$/.test(withSep) || /^%SystemDrive%\\$/i.test(withSep);
  return { dir: isRoot ? withSep : path.slice(0, i), pattern: last };
}
