// `npm test`'s last step: the e2e suite on SQLite, and beside it the PostgreSQL suites: the integration suite, then
// the e2e specs that depend on the database (two web instances on one PostgreSQL). The e2e suite spends much of its
// time waiting (on the browser, on the scanner's cycles), so the PostgreSQL suites run in the same minutes instead of
// after it. Their output is printed whole when they end, not interleaved with Playwright's.
// Without a reachable PostgreSQL (TEST_PG_URL) they are left out with a line saying so, unless they are required
// (CI, VIGIL_REQUIRE_PG): then the step fails.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
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

/**
 * Until the SQLite run's server answers (its production build is then on disk, and the PostgreSQL run uses it
 * instead of building the same sources at the same time), or that run has ended.
 */
async function buildReady(ended) {
  while (!ended()) {
    try {
      if ((await fetch(`http://127.0.0.1:${e2ePort}/sign-in`)).status < 500) return;
    } catch {
      // not serving yet
    }
    await sleep(1000);
  }
}

const withPostgres = await pgReachable(pgUrl);
if (!withPostgres && required) {
  console.error(`PostgreSQL is not reachable at ${pgUrl}, and its suites are required here (CI or VIGIL_REQUIRE_PG).`);
  process.exit(1);
}
if (!withPostgres) console.log(`PostgreSQL is not reachable at ${pgUrl}: its suites are left out (npm run test:pg, npm run test:e2e:pg).`);

let e2eEnded = false;
const e2e = npmRun(["test:e2e"]).finally(() => (e2eEnded = true));
const pgSuites = withPostgres
  ? (async () => {
      const integration = await npmRun(["test:pg", "--", "--maxWorkers=1"], { capture: true });
      await buildReady(() => e2eEnded);
      const e2ePg = await npmRun(["test:e2e:pg"], { capture: true, env: { ...process.env, E2E_PORT: String(pgE2ePort) } });
      return [
        ["integration suite on PostgreSQL", integration],
        ["e2e on PostgreSQL, with a second web instance on the same database", e2ePg],
      ];
    })()
  : null;

let failed = (await e2e).code !== 0;
for (const [name, { code, output }] of (await pgSuites) ?? []) {
  console.log(`\n== ${name} (ran beside the e2e suite on SQLite)\n`);
  process.stdout.write(output);
  failed ||= code !== 0;
}
process.exit(failed ? 1 : 0);
