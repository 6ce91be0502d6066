// A line diff of two versions of a file (the Change details "before/after" view): Myers' O((N+M)·D) shortest edit
// script over lines, after trimming the common head and tail, grouped into hunks with context like `diff -u`.
// Files are at most 5 MB, so the edit distance is capped: past the cap the versions are reported as too different.

export type DiffLine =
  | { kind: "same"; text: string; oldNo: number; newNo: number }
  | { kind: "removed"; text: string; oldNo: number }
  | { kind: "added"; text: string; newNo: number };

export type DiffHunk = { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: DiffLine[] };

export type LineDiff =
  | { status: "identical" }
  | { status: "diff"; added: number; removed: number; hunks: DiffHunk[] }
  | { status: "too-different"; oldLines: number; newLines: number };

export type LineDiffOptions = { context?: number; maxEdits?: number };

/** Splits text into lines; a final newline does not make an empty last line, and CRLF counts as one break. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

type Op = "same" | "removed" | "added";

/**
 * Myers' greedy forward algorithm; null when more than maxEdits are needed. Each step keeps only the furthest
 * reaching x of diagonals -d-1..d+1 (what backtracking reads), so memory grows with D², not with D·(N+M).
 */
function editScript(a: readonly string[], b: readonly string[], maxEdits: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
  }
  return null;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const at = (k: number) => v[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("same");
      x--;
      y--;
    }
    ops.push(down ? "added" : "removed");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("same");
    x--;
    y--;
  }
  return ops.reverse();
}

/** The lines of both versions in order, each marked same, removed or added, with its line numbers. */
function annotate(a: readonly string[], b: readonly string[], ops: readonly Op[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === "same") out.push({ kind: "same", text: a[i], oldNo: ++i, newNo: ++j });
    else if (op === "removed") out.push({ kind: "removed", text: a[i], oldNo: ++i });
    else out.push({ kind: "added", text: b[j], newNo: ++j });
  }
  return out;
}

function hunks(lines: readonly DiffLine[], context: number): DiffHunk[] {
  const changed = lines.map((l, i) => (l.kind === "same" ? -1 : i)).filter((i) => i >= 0);
  const out: DiffHunk[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    const slice = lines.slice(start, end + 1);
    const first = slice[0];
    const oldStart =
      first.kind === "added" ? ((slice.find((l) => l.kind !== "added") as { oldNo?: number } | undefined)?.oldNo ?? 0) : first.oldNo;
    const newStart =
      first.kind === "removed" ? ((slice.find((l) => l.kind !== "removed") as { newNo?: number } | undefined)?.newNo ?? 0) : first.newNo;
    out.push({
      oldStart,
      oldLines: slice.filter((l) => l.kind !== "added").length,
      newStart,
      newLines: slice.filter((l) => l.kind !== "removed").length,
      lines: slice,
    });
  };
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(lines.length - 1, i + context);
    if (start >= 0 && from <= end + 1) end = to;
    else {
      if (start >= 0) flush();
      start = from;
      end = to;
    }
  }
  if (start >= 0) flush();
  return out;
}

/** The line diff of two texts, in hunks with `context` unchanged lines around each change (3 by default). */
export function diffLines(before: string, after: string, opts: LineDiffOptions = {}): LineDiff {
  const context = opts.context ?? 3;
  const a = splitLines(before);
  const b = splitLines(after);
  // The common head and tail cost nothing to compare and are most of a typical configuration change.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length === 0 && midB.length === 0) return { status: "identical" };

  const mid = editScript(midA, midB, opts.maxEdits ?? 2000);
  if (mid === null) return { status: "too-different", oldLines: a.length, newLines: b.length };
  const ops: Op[] = [...Array<Op>(head).fill("same"), ...mid, ...Array<Op>(tail).fill("same")];
  const lines = annotate(a, b, ops);
  return {
    status: "diff",
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
    hunks: hunks(lines, context),
  };
}
