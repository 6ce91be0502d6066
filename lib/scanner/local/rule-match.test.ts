// The matcher Preview uses on inventory rows (lib/domain/rule-match.ts) must report exactly the files the scanner
// reports for the same rule: checked here on a real tree, for every rule shape.
import { describe, expect, it } from "vitest";
import { linuxRuleCovers } from "@/lib/domain/rule-match";
import type { PathType } from "@/lib/domain/types";
import { scanLocalFiles } from "./scan-files";
import { rule, tempTree } from "./testing";

const FILES = ["a.conf", "b.txt", "cron.d/job", "cron.d/deep/job.conf", "cron.daily/x", "sub/c.conf", "sub/deeper/d.conf", "cron.conf"];

describe("linuxRuleCovers agrees with the scanner", () => {
  it.each<[string, PathType, boolean]>([
    ["a.conf", "FILE", false],
    ["*.conf", "FILE", false],
    ["*.conf", "FILE", true],
    ["sub", "DIRECTORY", false],
    ["sub", "DIRECTORY", true],
    ["cron.*", "DIRECTORY", false],
    ["cron.*", "DIRECTORY", true],
  ])("%s (%s, recursion %s)", async (rel, pathType, recursion) => {
    const t = tempTree(Object.fromEntries(FILES.map((f) => [f, f])));
    try {
      const r = rule(t.path(rel), { pathType, recursion });
      const scanned = (await scanLocalFiles([r])).entries.map((e) => e.itemKey).sort();
      // Files and every folder of the tree: Directory rules record folders as items too.
      const folders = FILES.flatMap((f) =>
        f
          .split("/")
          .slice(0, -1)
          .map((_, i, segs) => segs.slice(0, i + 1).join("/")),
      );
      const matched = [...new Set([...FILES, ...folders])]
        .map((f) => t.path(f))
        .filter((p) => linuxRuleCovers(r, p))
        .sort();
      expect(matched).toEqual(scanned);
      expect(scanned.length).toBeGreaterThan(0);
    } finally {
      t.remove();
    }
  });
});
