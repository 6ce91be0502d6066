// The scanner worker: collects every due scan of FIM-enabled workspaces, over and over, until stopped.
// Runs beside the web server (`npm start`); VIGIL_TIME_SCALE speeds collection up for demos.
import { getDb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { startAlertDelivery } from "@/lib/server/alerts/deliver";
import { demoFolder } from "@/lib/server/seed/local-host";
import { startStatisticsUpkeep } from "@/lib/server/retention/partitions";
import { purgeExpired } from "@/lib/server/retention/purge";
import { localAgent } from "./agents/local";
import { releaseMachines, workerId } from "./leases";
import { simulatedAgent } from "./agents/simulated";
import { collectDue, type Agents } from "./collector";
import { backfillHistory } from "./history";
import { activityBetween } from "./sim";
import { startDemoActivity } from "./demo-folder";

const timeScale = Number(process.env.VIGIL_TIME_SCALE ?? 1);
const pauseMs = Number(process.env.VIGIL_SCAN_PAUSE_MS ?? 2_000);
const demoEveryMs = Number(process.env.VIGIL_DEMO_ACTIVITY_MS ?? 45_000);
// Retention runs this often; a run that did not finish in its bounded batches resumes on the next pass.
const purgeEveryMs = Number(process.env.VIGIL_PURGE_EVERY_MS ?? 3_600_000);

const db = await getDb();
// VIGIL_AGENTS=LOCAL runs only the agent on this host (e2e tests keep the simulated fleet still that way).
const enabledAgents = (process.env.VIGIL_AGENTS ?? "SIMULATED,LOCAL").split(",");
const agents: Agents = {
  ...(enabledAgents.includes("SIMULATED") ? { SIMULATED: simulatedAgent } : {}),
  ...(enabledAgents.includes("LOCAL") ? { LOCAL: localAgent({ workers: 1 }) } : {}),
};
const stopDemo = demoEveryMs > 0 ? startDemoActivity(demoFolder(), demoEveryMs, (what) => log.debug("demo folder", { what })) : () => {};

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    // The pass in progress finishes its transaction or rolls it back; nothing half-written is possible.
    stopping = true;
    stopDemo();
    log.info("scanner worker stopping", { signal: sig });
  });
}

const worker = workerId();
log.info("scanner worker started", { pid: process.pid, worker, timeScale });
// Alerts of the outbox go out beside collection (their own loop), from the start: history backfill included.
const alertDelivery = startAlertDelivery(db, { worker, onError: (err) => log.warn("alert delivery pass failed", { error: err.message }) });
// PostgreSQL: the month's change-record partition keeps fresh statistics between autovacuum's looks (0: leave it
// to autovacuum).
const statisticsEveryMs = Number(process.env.VIGIL_STATISTICS_EVERY_MS ?? 10_000);
const stopStatistics =
  statisticsEveryMs > 0
    ? startStatisticsUpkeep(db, {
        everyMs: statisticsEveryMs,
        onError: (err) => log.warn("statistics upkeep failed", { error: err.message }),
      })
    : () => {};

// First start (or after downtime): the simulated fleet's history up to now, resumable if interrupted. The portal
// is already serving meanwhile; the dashboards fill in as each machine's month is written.
const historyDays = Number(process.env.VIGIL_HISTORY_DAYS ?? 30);
if (historyDays > 0 && agents.SIMULATED) {
  const t0 = Date.now();
  const history = await backfillHistory(db, {
    agent: simulatedAgent,
    activityBetween,
    worker,
    days: historyDays,
    now: process.env.VIGIL_HISTORY_NOW ? new Date(process.env.VIGIL_HISTORY_NOW) : undefined,
    onMachine: (machine, scans, changes) => log.info("history written", { machine, scans, changes }),
  });
  log.info("history backfill done", { ...history, ms: Date.now() - t0 });
}
if (process.env.VIGIL_WORKER_EXIT_AFTER_HISTORY === "1") {
  stopStatistics();
  await alertDelivery.stop();
  await db.$disconnect();
  process.exit(0);
}
const seenVersions = new Map<string, number>();
let nextPurgeAt = 0;
let passes = 0;
while (!stopping) {
  const workspaces = await db.workspace.findMany({ where: { fimEnabled: true }, select: { id: true, configVersion: true } });
  const changed = new Set(workspaces.filter((w) => seenVersions.has(w.id) && seenVersions.get(w.id) !== w.configVersion).map((w) => w.id));
  for (const w of workspaces) seenVersions.set(w.id, w.configVersion);
  try {
    const pass = await collectDue(db, agents, {
      timeScale,
      forceWorkspaceIds: changed,
      worker,
      onScan: (e) => {
        if (e.error) log.warn("scan failed", { machine: e.machine, changeType: e.changeType, error: e.error });
        else if (e.result?.changes)
          log.info("changes found", { machine: e.machine, changeType: e.changeType, changes: e.result.changes, ms: e.ms });
      },
    });
    if (pass.scans) log.debug("pass done", pass);
    if (++passes === 1) log.info("first pass done", { worker, ...pass });
  } catch (err) {
    log.error("collection pass failed", { error: (err as Error).message });
  }
  if (!stopping && purgeEveryMs > 0 && Date.now() >= nextPurgeAt) {
    try {
      // At most 20 batches a pass, so that collection is never held up for long by a large first purge.
      const purged = await purgeExpired(db, { maxBatches: 20, pauseMs: 20 });
      nextPurgeAt = purged.done ? Date.now() + purgeEveryMs : 0;
      if (purged.records || purged.contents) log.info("retention purge", purged);
    } catch (err) {
      log.error("retention purge failed", { error: (err as Error).message });
    }
  }
  if (!stopping) await new Promise((r) => setTimeout(r, pauseMs));
}
stopStatistics();
await alertDelivery.stop();
await releaseMachines(db, worker);
await db.$disconnect();
log.info("scanner worker stopped");
