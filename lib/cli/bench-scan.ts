// `npm run bench:scan`: Vigil's local file scanner against AIDE on a generated tree (issue 3, "Speed").
// Not a timed test: it prints a table and, as its last line, a summary that can be tracked over time.
// Everything lives in a temp folder that is removed at the end, on failure and on Ctrl-C.
import { fork, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { aideCheck, aideInit, ensureTools, run, writeAideConfig, type ToolRun } from "@/lib/scanner/local/bench/aide";
import { generateTree, lstatEverything, mutateTree, type TreeInfo } from "@/lib/scanner/local/bench/tree";
import type { ChildReply, ChildRequest } from "@/lib/scanner/local/bench/vigil-child";

const work = mkdtempSync(join(tmpdir(), "vigil-bench-"));
const tree = join(work, "tree");
let child: ChildProcess | null = null;

function cleanUp(): void {
  child?.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    process.stderr.write(`\n${sig}: removing ${work}\n`);
    cleanUp();
    process.exit(130);
  });
}

const say = (msg: string) => process.stderr.write(`[bench:scan] ${msg}\n`);

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * The scanner runs compiled, in plain Node, as a deployed agent would: under tsx, Node 20 runs the TypeScript
 * loader on a thread of its own, which adds ~45 MB to the process that is not the scanner's. esbuild (installed
 * with tsx and vite) bundles it; without esbuild the child runs under tsx and says so.
 */
async function compileVigil(): Promise<{ script: string; execArgv?: string[]; host: string }> {
  const here = join(import.meta.dirname, "../scanner/local");
  try {
    const esbuild = await import("esbuild");
    const script = join(work, "vigil-child.mjs");
    await esbuild.build({
      entryPoints: [join(here, "bench/vigil-child.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: script,
      logLevel: "error",
      // The xattr binding loads a prebuilt native module: imported from the project, not bundled.
      plugins: [
        {
          name: "native-external",
          setup(build) {
            build.onResolve({ filter: /^@napi-rs\/xattr$/ }, (args) => ({
              path: createRequire(import.meta.url).resolve(args.path),
              external: true,
            }));
          },
        },
      ],
    });
    copyFileSync(join(here, "hash-worker.mjs"), join(work, "hash-worker.mjs"));
    return { script, execArgv: [], host: "plain Node (esbuild bundle)" };
  } catch (err) {
    say(`esbuild unavailable (${err instanceof Error ? err.message : String(err)}): the scanner runs under tsx`);
    return { script: join(here, "bench/vigil-child.ts"), host: "tsx (its loader thread included)" };
  }
}

/** Starts the scanner process and returns a request function. */
function startVigil(compiled: { script: string; execArgv?: string[] }): (req: ChildRequest) => Promise<ChildReply> {
  // Without execArgv, fork() passes on this process's tsx loader and --conditions flags.
  const proc = fork(compiled.script, [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    ...(compiled.execArgv && { execArgv: compiled.execArgv }),
  });
  child = proc;
  return (req) =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the scanner process exited (${code}) during ${req.cmd}`));
      proc.once("exit", onExit);
      proc.once("message", (reply: ChildReply & { error?: string }) => {
        proc.off("exit", onExit);
        if (reply.error) reject(new Error(`scanner ${req.cmd} failed: ${reply.error}`));
        else resolve(reply);
      });
      proc.send(req);
    });
}

interface Row {
  name: string;
  ms: number;
  cpuMs: number | null;
  peakMb: number | null;
  ratio: number | null;
}

function table(rows: Row[], info: TreeInfo): string {
  const head = ["Run", "Time (s)", "CPU (s)", "Files/s", "MB/s", "Peak MB", "AIDE ÷ Vigil"];
  const cells = rows.map((r) => [
    r.name,
    (r.ms / 1000).toFixed(2),
    r.cpuMs === null ? "-" : (r.cpuMs / 1000).toFixed(2),
    Math.round(info.files / (r.ms / 1000)).toLocaleString("en-US"),
    (info.bytes / 1e6 / (r.ms / 1000)).toFixed(0),
    r.peakMb === null ? "-" : r.peakMb.toFixed(0),
    r.ratio === null ? "" : `${r.ratio.toFixed(1)}x`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

async function main(): Promise<void> {
  say(`${ensureTools()}; work folder ${work}`);
  const loadAtStart = loadavg()[0];
  const gen = await time(() => generateTree(tree));
  const info = gen.value;
  say(`generated ${info.files.toLocaleString("en-US")} files, ${(info.bytes / 1e9).toFixed(2)} GB in ${(gen.ms / 1000).toFixed(1)} s`);
  // Written back to disk now, so that write-back does not run during a measurement; the pages stay cached.
  await run("sync", []);

  // Floors. Both tools then run on a warm page cache, as every run after this one does.
  const cat = await run(`find '${tree}' -type f -print0 | xargs -0 cat > /dev/null`, [], true);
  const lstat = await time(() => lstatEverything(tree));
  say(`floors: cat ${(cat.ms / 1000).toFixed(2)} s, lstat of ${lstat.value} entries ${(lstat.ms / 1000).toFixed(2)} s`);

  // Two runs of each Vigil scan, interleaved with AIDE's 1- and 2-worker runs, so that load from other work on the
  // host falls on both tools alike; each tool is credited with its faster run.
  const compiled = await compileVigil();
  const vigil = startVigil(compiled);
  const conf = writeAideConfig(work, tree);
  const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const fulls: ChildReply[] = [];
  const rescans: ChildReply[] = [];
  const inits: ToolRun[] = [];
  const checks: ToolRun[] = [];
  for (const workers of [1, 2]) {
    const full = await vigil({ cmd: "full", root: tree });
    say(`vigil full scan ${secs(full.ms)}: ${full.files} files, ${full.rehashed} hashed, ${full.errors} errors`);
    fulls.push(full);
    inits.push(await aideInit(conf, work, workers));
    say(`aide --init --workers=${workers} ${secs(inits[inits.length - 1].ms)}`);
  }
  for (const workers of [1, 2]) {
    const rescan = await vigil({ cmd: "rescan", root: tree });
    say(
      `vigil rescan ${secs(rescan.ms)}: ${rescan.skipped} unchanged, ${rescan.rehashed} hashed (${rescan.verified} of them unchanged, reread for bounded trust), changes ${JSON.stringify(rescan.changes)}`,
    );
    rescans.push(rescan);
    checks.push(await aideCheck(conf, work, workers));
    say(`aide --check --workers=${workers} ${secs(checks[checks.length - 1].ms)} (exit ${checks[checks.length - 1].exitCode})`);
  }

  const mutation = mutateTree(tree);
  const changed = await vigil({ cmd: "rescan", root: tree });
  const found = changed.changes.Added + changed.changes.Modified + changed.changes.Removed;
  say(`vigil changed rescan ${secs(changed.ms)}: ${changed.rehashed} hashed, changes ${JSON.stringify(changed.changes)}`);
  const peakMb = (await vigil({ cmd: "exit", root: tree })).peakMb;

  const initBest = Math.min(...inits.map((r) => r.ms));
  const checkBest = Math.min(...checks.map((r) => r.ms));
  const fullBest = Math.min(...fulls.map((r) => r.ms));
  const rescanBest = Math.min(...rescans.map((r) => r.ms));
  const rows: Row[] = [
    { name: "floor: cat every byte (find | xargs cat)", ms: cat.ms, cpuMs: null, peakMb: null, ratio: null },
    { name: "floor: readdir + lstat every entry (Node, 1 thread)", ms: lstat.ms, cpuMs: null, peakMb: null, ratio: null },
    ...inits.map((r, i) => ({
      name: `AIDE --init, ${i + 1} worker${i ? "s" : ""}`,
      ms: r.ms,
      cpuMs: r.cpuMs,
      peakMb: r.peakMb,
      ratio: null,
    })),
    ...checks.map((r, i) => ({
      name: `AIDE --check (no changes), ${i + 1} worker${i ? "s" : ""}`,
      ms: r.ms,
      cpuMs: r.cpuMs,
      peakMb: r.peakMb,
      ratio: null,
    })),
    ...fulls.map((r, i) => ({ name: `Vigil full scan, run ${i + 1}`, ms: r.ms, cpuMs: r.cpuMs, peakMb: null, ratio: initBest / r.ms })),
    ...rescans.map((r, i) => ({
      name: `Vigil rescan (no changes), run ${i + 1}`,
      ms: r.ms,
      cpuMs: r.cpuMs,
      peakMb: null,
      ratio: checkBest / r.ms,
    })),
    { name: "Vigil rescan (300 changes)", ms: changed.ms, cpuMs: changed.cpuMs, peakMb, ratio: checkBest / changed.ms },
  ];
  const fullRatio = initBest / fullBest;
  const rescanRatio = checkBest / rescanBest;
  const expected = { Added: mutation.added.length, Modified: mutation.modified.length, Removed: mutation.removed.length };
  const exact = JSON.stringify(changed.changes) === JSON.stringify(expected);
  console.log(
    `\nTree: ${info.files.toLocaleString("en-US")} files, ${(info.bytes / 1e9).toFixed(2)} GB, warm page cache; Files/s and MB/s are the whole tree over the run's time.`,
  );
  console.log(
    `CPU is user + system time of all the tool's threads: unlike time, it hardly depends on other load on the host (load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${availableParallelism()} cores).`,
  );
  console.log("Ratios: AIDE's faster run (1 or 2 workers) over Vigil's run; the summary uses Vigil's faster run of two.");
  console.log(
    `Vigil's peak memory is the VmHWM of its process, ${compiled.host}, over all its scans (hashing threads included); AIDE's is GNU time's max RSS.\n`,
  );
  console.log(table(rows, info));
  console.log("");
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    `targets: full ≥5x AIDE --init: ${verdict(fullRatio >= 5)}; rescan ≥20x AIDE --check: ${verdict(rescanRatio >= 20)}; ` +
      `found exactly 100 added, 100 modified, 100 removed: ${verdict(exact)}; peak < 300 MB: ${verdict(peakMb < 300)}`,
  );
  const cpuBest = (runs: { cpuMs: number }[]) => Math.min(...runs.map((r) => r.cpuMs));
  console.log(
    `cpu time, AIDE's least over Vigil's least: full ${(cpuBest(inits) / cpuBest(fulls)).toFixed(1)}x, rescan ${(cpuBest(checks) / cpuBest(rescans)).toFixed(1)}x`,
  );
  if (!exact) process.exitCode = 1;
  console.log(
    `bench:scan files=${info.files} full_vs_aide=${fullRatio.toFixed(1)}x rescan_vs_aide=${rescanRatio.toFixed(1)}x found=${found}/300 peak_mb=${Math.round(peakMb)}`,
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:scan failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanUp);
