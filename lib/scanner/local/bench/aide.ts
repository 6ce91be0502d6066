// AIDE, the reference the benchmark compares against: installed from Debian if missing, configured with the
// attributes Vigil records (SHA-256, permissions, inode, uid, gid, size, mtime, ctime), timed with GNU time.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface ToolRun {
  ms: number;
  /** User + system CPU time of the process, all threads. */
  cpuMs: number;
  /** Peak resident memory (MiB) of the process. */
  peakMb: number;
  exitCode: number;
}

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** apt-get install, with an index update first when the package is not found (a fresh machine). */
function aptInstall(pkg: string): void {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "-qq", pkg], { env, stdio: "ignore" }).status === 0;
  if (install()) return;
  spawnSync("apt-get", ["update", "-qq"], { env, stdio: "ignore" });
  if (!install()) throw new Error(`Could not install ${pkg} with apt-get (run as root on Debian)`);
}

export function ensureTools(): string {
  if (!has("aide")) aptInstall("aide");
  if (!existsSync("/usr/bin/time")) aptInstall("time");
  return execFileSync("aide", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).split("\n")[0];
}

/** AIDE's group matching Vigil's recorded attributes: p permissions, i inode, u uid, g gid, s size, m mtime, c ctime, SHA-256. */
export const VIGIL_ATTRS = "p+i+u+g+s+m+c+sha256";
/** Everything AIDE can check: R (l+p+u+g+s+c+m+i+n+acl+selinux+xattrs+ftype+e2fsattrs+caps) with SHA-256. */
export const ALL_ATTRS = "R+sha256";

/** Writes aide.conf for `tree` checking `attrs`, with the database and report (aide-report.txt) inside `work`. */
export function writeAideConfig(work: string, tree: string, attrs: string = VIGIL_ATTRS): string {
  const conf = join(work, "aide.conf");
  writeFileSync(
    conf,
    [
      `database_in=file:${join(work, "aide.db")}`,
      `database_out=file:${join(work, "aide.db.new")}`,
      "gzip_dbout=no",
      `report_url=file:${join(work, "aide-report.txt")}`,
      "log_level=error",
      `Checked = ${attrs}`,
      `${tree} Checked`,
      "",
    ].join("\n"),
  );
  return conf;
}

/**
 * Runs a command without blocking the event loop (tsx kills a child that does not answer a Ctrl-C within
 * ~60 ms, so the benchmark must stay responsive to clean up). Resolves with the exit code, null when signalled.
 */
export function run(cmd: string, args: string[], shell = false): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], shell });
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stderr, ms: performance.now() - started }));
  });
}

async function timed(args: string[], work: string): Promise<ToolRun> {
  const timeFile = join(work, "time.txt");
  const r = await run("/usr/bin/time", ["-v", "-o", timeFile, "aide", ...args]);
  // aide --check exits 1..7 when it finds differences; anything above is a failure of the run itself.
  if (r.code === null || r.code > 7) throw new Error(`aide ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  const report = readFileSync(timeFile, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(report)?.[1] ?? 0);
  const cpuMs = (field("User time \\(seconds\\)") + field("System time \\(seconds\\)")) * 1000;
  return { ms: r.ms, cpuMs, peakMb: field("Maximum resident set size \\(kbytes\\)") / 1024, exitCode: r.code };
}

/** aide --init; the new database becomes the one --check reads. */
export async function aideInit(conf: string, work: string, workers: number): Promise<ToolRun> {
  const result = await timed([`--config=${conf}`, "--init", `--workers=${workers}`], work);
  renameSync(join(work, "aide.db.new"), join(work, "aide.db"));
  return result;
}

export function aideCheck(conf: string, work: string, workers: number): Promise<ToolRun> {
  return timed([`--config=${conf}`, "--check", `--workers=${workers}`], work);
}
