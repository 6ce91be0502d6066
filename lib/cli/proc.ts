import path from "node:path";
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * The portal's web process as `npm start` runs it (lib/cli/web.ts: Next.js behind our server), for start.ts and the
 * benchmarks alike: node with tsx as its loader, in production mode, on a port. Node itself runs the server, so that
 * node flags (--cpu-prof, which NODE_OPTIONS refuses) given before these arguments reach it.
 */
export function webProcess(root: string, port: string): { args: string[]; env: Record<string, string> } {
  // A young generation of 32 MB semi-spaces instead of V8's 16: a scan report's entries and rows live just long enough
  // to be copied out of a small one, and scavenges were a tenth of the process's time (bench:load on PostgreSQL: 1.7 %
  // more records/s, 2.3 % less CPU a record, in two alternated pairs).
  const args = ["--max-semi-space-size=32", "--import", "tsx", path.join(root, "lib/cli/web.ts")];
  return { args, env: { PORT: port, NODE_ENV: "production" } };
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

/** Starts a long-running child; when any of them ends, the others are stopped and this process exits. */
export function supervise(children: { name: string; child: ChildProcess }[]): void {
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of children) if (child.exitCode === null) child.kill("SIGTERM");
    setTimeout(() => process.exit(code), 3000).unref();
  };
  for (const { name, child } of children) {
    child.on("exit", (code, signal) => {
      if (!stopping) console.error(JSON.stringify({ level: "error", msg: `${name} exited`, code, signal }));
      stopAll(code ?? 1);
    });
  }
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => stopAll(0));
}
