// `npm test`'s first step: the type check, ESLint and Prettier, side by side. Each runs on one core, so on a
// 2-core machine the three take about as long as the type check alone instead of their sum (20 + 19 + 11 s here).
// Each one's output is printed whole when it ends, under its name; any failure fails the step.
import { spawn } from "node:child_process";

const CHECKS = [
  ["type check", "tsc", ["--noEmit"]],
  ["ESLint", "eslint", [".", "--max-warnings=0"]],
  ["Prettier", "prettier", ["--check", ".", "--log-level", "warn"]],
];

function run([name, bin, args]) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    child.on("error", (err) => chunks.push(Buffer.from(String(err))));
    child.on("close", (code, signal) => {
      const ok = code === 0 && !signal;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`== ${name}: ${ok ? "passed" : "FAILED"} (${seconds} s)\n${Buffer.concat(chunks).toString()}`);
      resolve(ok);
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
