// `npm run bench:detect`: what AIDE and Vigil each detect of the same mutations (lib/scanner/local/bench/
// mutations.ts) made to a copy of real system files. AIDE checks every attribute it has (AIDE's R group and
// SHA-256); Vigil runs a full scan (every file read, as aide --check does) and a scheduled rescan (unchanged
// metadata trusted, a rolling share read again). Prints a table, then as its last line:
// bench:detect mutations=<n> aide=<n> vigil=<n> vigil_rescan=<n> false_positives=<n>
// Runs as root (chown, capabilities). Everything lives in a temp folder removed at the end.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffInventories, type InventoryEntry } from "@/lib/domain/diff";
import { ALL_ATTRS, ensureTools, run, writeAideConfig } from "@/lib/scanner/local/bench/aide";
import { applyAll, MUTATIONS, relatedPaths, setupAll } from "@/lib/scanner/local/bench/mutations";
import { scanLocalFiles, type FileRule } from "@/lib/scanner/local/scan-files";

const SOURCES = ["/etc", "/usr/sbin", "/usr/lib/python3", "/usr/share/perl5", "/usr/share/doc", "/usr/include"];
const work = mkdtempSync(join(tmpdir(), "vigil-detect-"));
const tree = join(work, "tree");
// rm, not rmSync: the tree holds a path longer than PATH_MAX, which only a walk by folder can remove.
const cleanUp = () => execFileSync("rm", ["-rf", work]);
const say = (msg: string) => process.stderr.write(`[bench:detect] ${msg}\n`);

/** The paths AIDE's report lists as added, removed or changed (before its detailed section), octal escapes decoded. */
function aideReported(report: string): Set<string> {
  const listed = report.split("Detailed information about changes")[0];
  const out = new Set<string>();
  for (const line of listed.split("\n")) {
    const m = /^[a-zA-Z!?][^:]*: (\/.*)$/.exec(line);
    if (m) out.add(m[1].replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return out;
}

async function aide(conf: string, cmd: "--init" | "--check"): Promise<void> {
  const r = await run("aide", [`--config=${conf}`, cmd]);
  if (r.code === null || r.code > 7) throw new Error(`aide ${cmd} failed (${r.code}): ${r.stderr}`);
  if (cmd === "--init") execFileSync("mv", [join(work, "aide.db.new"), join(work, "aide.db")]);
}

const rule: FileRule = {
  entityId: "bench",
  path: tree,
  pathType: "DIRECTORY",
  recursion: true,
  links: "FOLLOW", // the default of Linux file entities
  useSudo: true,
  uploadContent: false,
};

const rel = (path: string) => path.slice(tree.length + 1);
const changed = (before: InventoryEntry[], after: InventoryEntry[]) => new Set(diffInventories(before, after).map((c) => rel(c.target)));

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error("bench:detect changes owners and capabilities: run it as root");
  say(ensureTools());
  execFileSync("mkdir", ["-p", join(tree, "sys")]);
  const sources = SOURCES.filter((s) => existsSync(s));
  execFileSync("cp", ["-a", ...sources, join(tree, "sys")]);
  // Real binaries to copy into the mutations' files: the regular files of sbin (it holds links too).
  const sbin = join(tree, "sys/sbin");
  const regular = readdirSync(sbin).filter((n) => lstatSync(join(sbin, n)).isFile());
  const sample = (i: number) => join(sbin, regular[(i * 7) % regular.length]);
  setupAll(tree, sample);

  const conf = writeAideConfig(work, tree, ALL_ATTRS);
  await aide(conf, "--init");
  const baseline = await scanLocalFiles([rule]);
  say(`tree: ${baseline.entries.length} entries from ${sources.join(", ")}; ${MUTATIONS.length} mutations`);

  applyAll(tree, sample);

  await aide(conf, "--check");
  const byAide = aideReported(readFileSync(join(work, "aide-report.txt"), "utf8"));
  const prev = new Map(baseline.entries.map((e) => [e.itemKey, e]));
  const full = await scanLocalFiles([rule], { previous: prev, forceRehash: true });
  const rescan = await scanLocalFiles([rule], { previous: prev, verify: { periodMs: 24 * 3_600_000, intervalMs: 15 * 60_000 } });
  const byVigil = changed(baseline.entries, full.entries);
  const byRescan = changed(baseline.entries, rescan.entries);
  const aideRel = new Set([...byAide].filter((p) => p.startsWith(`${tree}/`)).map(rel));

  const rows = MUTATIONS.map((mu) => ({
    name: mu.name,
    aide: mu.paths.some((p) => aideRel.has(p)),
    vigil: mu.paths.some((p) => byVigil.has(p)),
    rescan: mu.paths.some((p) => byRescan.has(p)),
  }));
  const expected = new Set(MUTATIONS.flatMap((mu) => [...mu.paths, ...relatedPaths(mu.paths)]));
  const falsePositives = [...new Set([...byVigil, ...byRescan])].filter((p) => !expected.has(p));

  const yes = (b: boolean) => (b ? "yes" : "—");
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"mutation".padEnd(width)}  AIDE  Vigil  Vigil rescan`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${yes(r.aide).padEnd(4)}  ${yes(r.vigil).padEnd(5)}  ${yes(r.rescan)}`);
  for (const p of falsePositives) console.log(`false positive: ${JSON.stringify(p)}`);
  const count = (k: "aide" | "vigil" | "rescan") => rows.filter((r) => r[k]).length;
  const missed = rows.filter((r) => r.aide && !r.vigil).map((r) => r.name);
  if (missed.length) console.log(`AIDE detects and Vigil does not: ${missed.join("; ")}`);
  console.log(
    `scan errors: full ${full.errors.length}, rescan ${rescan.errors.length}; rescan read ${rescan.stats.rehashed} files (${rescan.stats.verified} unchanged, for bounded trust)`,
  );
  console.log(
    `bench:detect mutations=${rows.length} aide=${count("aide")} vigil=${count("vigil")} vigil_rescan=${count("rescan")} false_positives=${falsePositives.length}`,
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:detect failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanUp);
