import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./data/e2e/vigil.db";
const ON_POSTGRES = /^postgres(ql)?:/.test(E2E_DATABASE_URL);
/** On PostgreSQL a second web instance shares the database (several instances behind a load balancer). */
export const E2E_SECOND_URL = ON_POSTGRES ? `http://127.0.0.1:${PORT + 1}` : null;
/**
 * Failure traces and the specs' screenshots (screens/), a folder per database: Playwright empties its folder as it
 * starts, and `npm test` runs the PostgreSQL specs after the SQLite ones, whose traces must survive it.
 */
export const E2E_OUTPUT_DIR = ON_POSTGRES ? "test-results-postgres" : "test-results";

/** The folder the Vigil host's operator allows tenants' entries to read in e2e (VIGIL_LOCAL_ALLOW), beside the demo folder. */
export const E2E_LOCAL_ALLOWED = path.join(os.tmpdir(), "vigil-e2e-allowed");

const serverEnv = {
  VIGIL_LOCAL_ALLOW: `${path.resolve("data/local-demo")}:${E2E_LOCAL_ALLOWED}`,
  DATABASE_URL: E2E_DATABASE_URL,
  NODE_OPTIONS: "",
  VIGIL_E2E: "1",
  // `npm test` type-checks before the e2e suite builds (next.config.ts).
  VIGIL_BUILD_TYPECHECK: "0",
  VIGIL_SIGNIN_RATE_MAX: "1000",
  // Linux files collected every 5 s (15 min / 180, the scanner's floor): the specs that wait for the local agent's
  // next scan wait a third as long as at 60.
  VIGIL_TIME_SCALE: "180",
  VIGIL_HISTORY_DAYS: "0",
  VIGIL_AGENTS: "LOCAL",
  VIGIL_DEMO_ACTIVITY_MS: "0",
  // Every API answer is checked against its declared schema, as in development.
  VIGIL_CHECK_RESPONSES: "1",
  // The alerts spec's webhook receiver listens on loopback, which the operator allows here.
  VIGIL_ALERT_ALLOW_LOOPBACK: "1",
};

// The production build on its own database, migrated and seeded by the same start path users run.
const primary = {
  command: "node e2e/support/serve.mjs",
  url: `http://127.0.0.1:${PORT}/sign-in`,
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  env: { ...serverEnv, PORT: String(PORT), BETTER_AUTH_URL: `http://127.0.0.1:${PORT}` },
};
const secondary = E2E_SECOND_URL && {
  ...primary,
  url: `${E2E_SECOND_URL}/sign-in`,
  env: {
    ...serverEnv,
    PORT: String(PORT + 1),
    BETTER_AUTH_URL: E2E_SECOND_URL,
    VIGIL_E2E_SECONDARY: "1",
    VIGIL_E2E_PRIMARY_URL: `http://127.0.0.1:${PORT}/sign-in`,
  },
};

/**
 * On PostgreSQL, the specs whose outcome depends on the database across processes and pages: the dashboard's counts,
 * filters and reviews, alert delivery's claims, agents' ingest (committed on the web process's commit thread), and
 * several instances on one database. The rest behaves the same on either database and runs once, on SQLite: forms,
 * headers, tokens, the accessibility sweep, and the pages whose PostgreSQL SQL the integration suite runs there (the
 * workspace list, enabling FIM, Logs queries, exports, and the explain spec's package attribution and rules applied
 * to the last 7 days: attribution.int.test.ts, api-v1.int.test.ts).
 */
const POSTGRES_SPECS = ["dashboard", "alerts", "remote-agent", "multi-instance"].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: "./e2e",
  outputDir: E2E_OUTPUT_DIR,
  ...(ON_POSTGRES
    ? { testMatch: POSTGRES_SPECS }
    : // Instances sharing one database only exist on PostgreSQL.
      { testIgnore: ["**/multi-instance.spec.ts"] }),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: secondary ? [primary, secondary] : primary,
});
