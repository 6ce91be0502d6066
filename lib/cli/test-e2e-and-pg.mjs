// `npm test`'s last step: the e2e suite on SQLite and, beside it, the integration suite on PostgreSQL; then the e2e
// specs that depend on the database on PostgreSQL (two web instances on one database). The e2e suite spends much of
// its time waiting (on the browser, on the scanner's cycles), so the integration suite runs in the same minutes
// instead of after it; the PostgreSQL e2e run waits for the SQLite one (with the three side by side, a page of the
// accessibility sweep took over 10 s to load). The integration suite's output is printed whole when it ends.
// Without a reachable PostgreSQL (TEST_PG_URL) they are left out with a line saying so, unless they are required
// (CI, VIGIL_REQUIRE_PG): then the step fails.
import { spawn } from "node:child_process";
import { pgReachable, TEST_PG_URL as pgUrl } from "../../prisma/tools.mjs";

const required = Boolean(process.env.CI || process.env.VIGIL_REQUIRE_PG);
const e2ePort = Number(process.env.E2E_PORT ?? 3100);
// The PostgreSQL e2e run's two instances, clear of the SQLite run's port.
const pgE2ePort = e2ePort + 100;

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
  console.error(`PostgreSQL is not reachable at ${pgUrl}, and its suites are required here (CI or VIGIL_REQUIRE_PG).`);
  process.exit(1);
}
if (!withPostgres) console.log(`PostgreSQL is not reachable at ${pgUrl}: its suites are left out (npm run test:pg, npm run test:e2e:pg).`);

const integration = withPostgres ? npmRun(["test:pg", "--", "--maxWorkers=1"], { capture: true }) : null;
let failed = (await npmRun(["test:e2e"])).code !== 0;
if (integration) {
  const { code, output } = await integration;
  console.log("\n== integration suite on PostgreSQL (ran beside the e2e suite on SQLite)\n");
  process.stdout.write(output);
  console.log("\n== e2e on PostgreSQL, with a second web instance on the same database\n");
  const e2ePg = await npmRun(["test:e2e:pg"], { env: { ...process.env, E2E_PORT: String(pgE2ePort) } });
  failed ||= code !== 0 || e2ePg.code !== 0;
}
process.exit(failed ? 1 : 0);
