// `npm test`'s last step: the e2e suite on SQLite and, beside it, the integration suite on PostgreSQL; then the e2e
// specs that depend on the database on PostgreSQL (two web instances on one database). The e2e suite spends much of
// its time waiting (on the browser, on the scanner's cycles), so the integration suite runs in the same minutes
// instead of after it; the PostgreSQL e2e run waits for the SQLite one (with the three side by side, a page of the
// accessibility sweep took over 10 s to load). The integration suite's output is printed whole when it ends.
// Without a reachable PostgreSQL (TEST_PG_URL) they are left out with a line saying so, unless they are required
// (CI, VIGIL_REQUIRE_PG): then the step fails.
import { pgReachable, TEST_PG_URL as pgUrl } from "../../prisma/tools.mjs";
import { npmRun } from "./npm-run.mjs";

const required = Boolean(process.env.CI || process.env.VIGIL_REQUIRE_PG);

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
  const e2ePg = await npmRun(["test:e2e:pg"]);
  failed ||= code !== 0 || e2ePg.code !== 0;
}
process.exit(failed ? 1 : 0);
