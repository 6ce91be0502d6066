import { describe, expect, it } from "vitest";
import { diffLines, splitLines, type DiffLine, type LineDiff } from "./line-diff";

/** The diff as `diff -u` body lines (" x", "-x", "+x"), hunks separated by "@@". */
function unified(d: LineDiff): string[] {
  if (d.status !== "diff") return [d.status];
  return d.hunks.flatMap((h) => [
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    ...h.lines.map((l: DiffLine) => (l.kind === "same" ? " " : l.kind === "removed" ? "-" : "+") + l.text),
  ]);
}

describe("splitLines", () => {
  it("treats a final newline as a terminator and CRLF as one break", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
    expect(splitLines("\n")).toEqual([""]);
  });
});

describe("diffLines", () => {
  it("reports identical texts", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual({ status: "identical" });
    expect(diffLines("", "")).toEqual({ status: "identical" });
  });

  it("shows a one-line change with three lines of context and correct line numbers", () => {
    const before = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].join("\n");
    const after = before.replace("5", "five");
    const d = diffLines(before, after);
    expect(d).toMatchObject({ status: "diff", added: 1, removed: 1 });
    expect(unified(d)).toEqual(["@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8"]);
  });

  it("splits distant changes into separate hunks and merges close ones", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const after = [...lines];
    after[2] = "changed 3";
    after[25] = "changed 26";
    const d = diffLines(lines.join("\n"), after.join("\n"));
    if (d.status !== "diff") throw new Error(d.status);
    expect(d.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 6, 1, 6],
      [23, 7, 23, 7],
    ]);
    after[8] = "changed 9";
    const merged = diffLines(lines.join("\n"), after.join("\n"), { context: 3 });
    if (merged.status !== "diff") throw new Error(merged.status);
    expect(merged.hunks).toHaveLength(2);
    expect(merged.hunks[0].oldLines).toBe(12);
  });

  it("handles additions to and removals from an empty file", () => {
    expect(unified(diffLines("", "a\nb\n"))).toEqual(["@@ -0,0 +1,2 @@", "+a", "+b"]);
    expect(unified(diffLines("a\nb\n", ""))).toEqual(["@@ -1,2 +0,0 @@", "-a", "-b"]);
  });

  it("finds a shortest edit script (only what changed is marked)", () => {
    const before = "PermitRootLogin no\nPasswordAuthentication no\nPort 22\nX11Forwarding no\n";
    const after = "PermitRootLogin yes\nPasswordAuthentication no\nPort 2222\nX11Forwarding no\nAllowUsers eve\n";
    const d = diffLines(before, after);
    expect(d).toMatchObject({ status: "diff", added: 3, removed: 2 });
    expect(unified(d)).toEqual([
      "@@ -1,4 +1,5 @@",
      "-PermitRootLogin no",
      "+PermitRootLogin yes",
      " PasswordAuthentication no",
      "-Port 22",
      "+Port 2222",
      " X11Forwarding no",
      "+AllowUsers eve",
    ]);
  });

  it("reconstructs both versions from the lines it returns", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const a = Array.from({ length: 40 }, () => `v${Math.floor(rand() * 6)}`);
      const b = a.filter(() => rand() > 0.2).map((l) => (rand() > 0.9 ? `${l}x` : l));
      const d = diffLines(a.join("\n"), b.join("\n"), { context: 1000 });
      if (d.status === "identical") {
        expect(a).toEqual(b);
        continue;
      }
      if (d.status !== "diff") throw new Error(d.status);
      const lines = d.hunks.flatMap((h) => h.lines);
      expect(lines.filter((l) => l.kind !== "added").map((l) => l.text)).toEqual(a);
      expect(lines.filter((l) => l.kind !== "removed").map((l) => l.text)).toEqual(b);
    }
  });

  it("gives up on versions that differ in more lines than the cap, without building a huge script", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`).join("\n");
    expect(diffLines(a, b, { maxEdits: 100 })).toEqual({ status: "too-different", oldLines: 5000, newLines: 5000 });
  });

  it("diffs a long file with a few changes quickly", () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const b = [...a];
    b[500] = "x";
    b.splice(70_000, 0, "inserted");
    const started = performance.now();
    const d = diffLines(a.join("\n"), b.join("\n"));
    expect(d).toMatchObject({ status: "diff", added: 2, removed: 1 });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
