import { spawn } from "node:child_process";

/**
 * Runs an npm script; resolves with its exit code, its time in seconds and, when `capture`, its output (printed by
 * the caller whole, not interleaved with what runs beside it).
 */
export function npmRun(args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn("npm", ["run", ...args], { stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit", env });
    const chunks = [];
    if (capture) {
      child.stdout.on("data", (c) => chunks.push(c));
      child.stderr.on("data", (c) => chunks.push(c));
    }
    child.on("exit", (code, signal) =>
      resolve({
        code: code ?? (signal ? 1 : 0),
        seconds: (performance.now() - started) / 1000,
        output: Buffer.concat(chunks).toString(),
      }),
    );
  });
}
