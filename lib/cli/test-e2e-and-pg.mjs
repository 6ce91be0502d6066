// `npm test`'s last step: the e2e suite, and beside it the integration suite on PostgreSQL. The e2e suite spends most
// of its time waiting (on the browser, on the scanner's cycles), so the PostgreSQL suite runs in the same minutes on
// one vitest worker instead of after it. Its output is printed whole when it ends, not interleaved with Playwright's.
// Without a reachable PostgreSQL (TEST_PG_URL) that suite is left out with a line saying so, unless it is required
// (CI, VIGIL_REQUIRE_PG): then it fails.
import { spawn } from "node:child_process";
import { pgReachable, TEST_PG_URL as pgUrl } from "../../prisma/tools.mjs";

const required = Boolean(process.env.CI || process.env.VIGIL_REQUIRE_PG);

/** Runs an npm script; resolves with its exit code and, when `capture`, its output. */
function npmRun(args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", ...args], { stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit", env });
    const chunks = [];
    if (capture) {
      child.stdout.on("data", (c) => chunks.push(c));
      child.stderr.on("data", (c) => chunks.push(c));
    }
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString() }));
  });
}

const withPostgres = await pgReachable(pgUrl);
if (!withPostgres && required) {
  console.error(`PostgreSQL is not reachable at ${pgUrl}, and its integration suite is required here (CI or VIGIL_REQUIRE_PG).`);
  process.exit(1);
}
if (!withPostgres) console.log(`PostgreSQL is not reachable at ${pgUrl}: its integration suite is left out (npm run test:pg).`);

const pgSuite = withPostgres ? npmRun(["test:pg", "--", "--maxWorkers=1"], { capture: true }) : null;
const e2e = await npmRun(["test:e2e"]);
let failed = e2e.code !== 0;
if (pgSuite) {
  const { code, output } = await pgSuite;
  console.log("\n== integration suite on PostgreSQL (ran beside the e2e suite)\n");
  process.stdout.write(output);
  failed ||= code !== 0;
}
process.exit(failed ? 1 : 0);
