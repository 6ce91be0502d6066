// The mutations of `npm run bench:detect`, in the suite: each must show up as a change of its own paths in a full
// scan and in a scheduled rescan (unchanged metadata trusted), and nothing else may. Runs as root (chown, setcap).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffInventories, type ChangeDraft } from "@/lib/domain/diff";
import { applyAll, MUTATIONS, relatedPaths, setupAll } from "./bench/mutations";
import { scanLocalFiles } from "./scan-files";
import { byKey, nextFileTimeTick, rule, tempTree } from "./testing";

let root = "";
let full: ChangeDraft[] = [];
let rescan: ChangeDraft[] = [];

beforeAll(async () => {
  const t = tempTree();
  root = t.root;
  mkdirSync(t.path("src"));
  const sample = (i: number) => t.path(`src/bin${i % 24}`);
  for (let i = 0; i < 24; i++) writeFileSync(sample(i), `#!/bin/sh\n# tool ${i}\n${"x".repeat(i * 100)}\n`, { mode: 0o755 });
  setupAll(root, sample);
  const rules = [rule(t.path("fx"), { links: "FOLLOW" })];
  const baseline = await scanLocalFiles(rules);
  expect(baseline.errors).toEqual([]);
  await nextFileTimeTick(
    root,
    baseline.entries.filter((e) => e.dateCreated),
  );
  applyAll(root, sample);
  const previous = byKey(baseline.entries);
  const rel = (cs: ChangeDraft[]) => cs.map((c) => ({ ...c, target: c.target.slice(root.length + 1) }));
  full = rel(diffInventories(baseline.entries, (await scanLocalFiles(rules, { previous, forceRehash: true })).entries));
  const verify = { periodMs: 24 * 3_600_000, intervalMs: 15 * 60_000 };
  rescan = rel(diffInventories(baseline.entries, (await scanLocalFiles(rules, { previous, verify })).entries));
});
// rm, not rmSync: the tree holds a path longer than PATH_MAX.
afterAll(() => execFileSync("rm", ["-rf", root]));

describe("detection of the bench:detect mutations", () => {
  it.each(MUTATIONS.map((m) => [m.name, m] as const))("%s: reported by a full scan and by a rescan", (_, m) => {
    expect(full.filter((c) => m.paths.includes(c.target)).length).toBeGreaterThan(0);
    expect(rescan.filter((c) => m.paths.includes(c.target)).length).toBeGreaterThan(0);
  });

  it("reports nothing that no mutation touched", () => {
    const expected = new Set(MUTATIONS.flatMap((m) => [...m.paths, ...relatedPaths(m.paths)]));
    expect(full.map((c) => c.target).filter((p) => !expected.has(p))).toEqual([]);
    expect(rescan.map((c) => c.target).filter((p) => !expected.has(p))).toEqual([]);
  });
});
