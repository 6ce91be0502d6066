// `npm test`'s first step: the type check, ESLint and Prettier (their npm scripts), side by side. Each runs on one
// core, so on a 2-core machine the three take about as long as the type check alone instead of their sum
// (20 + 19 + 11 s here). Each one's output is printed whole when it ends, under its name; any failure fails the step.
import { npmRun } from "./npm-run.mjs";

const CHECKS = ["typecheck", "lint:eslint", "lint:format"];

const results = await Promise.all(
  CHECKS.map(async (script) => {
    const { code, seconds, output } = await npmRun([script], { capture: true });
    process.stdout.write(`== ${script}: ${code === 0 ? "passed" : "FAILED"} (${seconds.toFixed(1)} s)\n${output}`);
    return code === 0;
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
