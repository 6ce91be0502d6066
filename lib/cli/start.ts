// `npm start`: migrate the database, seed the demo tenant on first start, build when the sources changed,
// then serve the portal and run the scanner worker beside it.
import path from "node:path";
import { spawn } from "node:child_process";
import { getDb, databaseUrl } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { ensureLocalHost } from "@/lib/server/seed/local-host";
import { run, supervise, webProcess } from "./proc";
import { buildIsStale } from "./build-state";

const root = process.cwd();
// Nothing leaves the machine: no telemetry from Next.js.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT ?? "3000";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

log.info("migrating database", { url: databaseUrl().replace(/\/\/[^@]*@/, "//***@") });
await run(process.execPath, [path.join(root, "prisma/migrate.mjs"), "deploy"]);

const db = await getDb();
if (await seedDemoTenant(db)) log.info("demo tenant seeded: sign in as owner@contoso.com (see README)");
await ensureLocalHost(db);
await db.$disconnect();

if (process.env.VIGIL_SKIP_BUILD !== "1" && buildIsStale(root)) {
  log.info("building the portal (first start, or the sources changed)");
  await run(bin("next"), ["build"]);
}

// VIGIL_WORKER=0 serves web only: the shape of a second web instance on a shared PostgreSQL (README, Scaling).
const withWorker = process.env.VIGIL_WORKER !== "0";
log.info("serving", { url: `http://localhost:${port}`, worker: withWorker });
// Not `next start`: our own server in front of Next.js, so that X-Forwarded-For is believed only from proxies.
const web = {
  name: "web",
  child: spawn(process.execPath, webProcess(root, port).args, {
    stdio: "inherit",
    // The same time scale as the scanner's: the Servers tab judges a machine silent by the scanner's periods.
    env: { ...process.env, ...webProcess(root, port).env, VIGIL_TIME_SCALE: process.env.VIGIL_TIME_SCALE ?? "30" },
  }),
};
const scanner = () => ({
  name: "scanner",
  // node itself runs the worker (tsx as a loader), so signals reach the worker and not a wrapper.
  child: spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "lib/scanner/worker.ts")], {
    stdio: "inherit",
    // The demo collects about every minute (Linux files every 30 s, registry every 100 s) unless told otherwise.
    env: { ...process.env, VIGIL_TIME_SCALE: process.env.VIGIL_TIME_SCALE ?? "30" },
  }),
});
supervise(withWorker ? [web, scanner()] : [web]);
