// Starts the portal for e2e on a fresh database: the same `npm start` path, minus the leftovers of a last run.
// A second instance (VIGIL_E2E_SECONDARY=1) shares the first one's database: it waits until the first serves, then
// starts web only, without resetting anything.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "";
const secondary = process.env.VIGIL_E2E_SECONDARY === "1";

async function resetPostgres() {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`e2e database name ${name} must be [a-z0-9_]+`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

async function waitForPrimary(primaryUrl) {
  for (;;) {
    try {
      if ((await fetch(primaryUrl)).status < 500) return;
    } catch {
      // not serving yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

if (secondary) {
  await waitForPrimary(process.env.VIGIL_E2E_PRIMARY_URL);
} else if (url.startsWith("file:")) {
  const file = path.resolve(url.replace(/^file:/, ""));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
} else if (/^postgres(ql)?:/.test(url)) {
  await resetPostgres();
}

// node itself with tsx as a loader: the wrapper CLI would leave the server running when Playwright stops it.
const env = secondary ? { ...process.env, VIGIL_WORKER: "0", VIGIL_SKIP_BUILD: "1" } : process.env;
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/start.ts"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
