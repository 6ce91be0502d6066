// `npm run bench:load -- [--db sqlite|postgres] [--agents 200] [--seconds 60] [--rate 5000] [--changes 50]
//                         [--items 300] [--resend-every 5] [--instances 1] [--dist .next-load] [--no-build] [--keep]
//                         [--cpu-prof DIR] [--dashboard-instance] [--full] [--db-prefix vigil_load]`
// Many concurrent remote agents on loopback against the production build (`npm start`'s web process) on a fresh database.
// Each agent registers through the API, posts a baseline, then scans of a synthetic inventory whose diff is known
// exactly (--changes records a scan: 60 % modified, 20 % added, 20 % removed), and resends every --resend-every-th
// scan (a duplicate must be a no-op); a failed post is resent with the same scan id until it is acknowledged, as
// the real agent does. Each scan is reported as the real agent reports it, a delta against the last committed scan
// (the items that moved and the keys removed); --full sends the whole inventory every scan instead. --rate is the offered load in change records a second over all agents (0: each agent posts
// again as soon as it is answered). Meanwhile a probe times the dashboard's summary, Servers and Changes endpoints.
// --dashboard-instance serves the dashboard probe from one more web instance that takes no agent traffic (ingestion
// and the portal on separate web instances of one database).
// --cpu-prof DIR writes a V8 CPU profile of each web instance there (summarised by lib/cli/cpu-profile-top.ts).
// Afterwards the database is checked against what was sent. The last line is the summary:
//   bench:load db=<sqlite|postgres> agents=<n> records_per_s=<n> p95_ms=<n> lost=<n> duplicated=<n> cpu_ms_per_record=<x> alert_p95_ms=<n>
// (alert_p95_ms: from an alert's write to its signed webhook's receipt, see ./bench-alerts.ts).
import fs from "node:fs";
import os from "node:os";
import type { TAgentConfig, TAgentRegistration } from "@/lib/contracts/agent";
import { openDb } from "@/lib/server/db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { issueToken } from "@/lib/server/tokens/tokens";
import {
  buildIfStale,
  freshDatabase,
  groupCpuSeconds,
  migrate,
  percentile,
  probeDashboard,
  signIn,
  startServer,
  stopServer,
  type Instance,
} from "./bench-server";
import { benchDbKind, flag, option } from "./bench-args";
import { startAlertProbe, stopAlertProbe } from "./bench-alerts";
import { countError, file, postUntilAcked, runAgent, scanBody, stats, type Sim } from "./bench-load-agents";

const num = (name: string, fallback: number) => {
  const v = option(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} is a number`);
  return n;
};
const say = (msg: string) => process.stderr.write(`[bench:load] ${msg}\n`);

const kind = benchDbKind();
const AGENTS = num("agents", 200);
const SECONDS = num("seconds", 60);
const RATE = num("rate", 5000);
const CHANGES = Math.max(5, num("changes", 50));
const ITEMS = Math.max(CHANGES * 2, num("items", 300));
const RESEND_EVERY = num("resend-every", 5);
const INSTANCES = Math.max(1, num("instances", 1));
const DIST_DIR = option("dist") ?? process.env.NEXT_DIST_DIR ?? ".next-load";
const WORKSPACE = "contoso-load-eastus";
const PROBE_PERIOD = option("probe-period") ?? "24h";
const CPU_PROF = option("cpu-prof");
const DASHBOARD_INSTANCE = flag("dashboard-instance");
// As the real agent: each scan a delta against the last committed one; --full posts the whole inventory every scan.
const DELTA = !flag("full");

// ───────────── setup, run, verify ─────────────

async function setup(url: string) {
  await migrate(url);
  const db = await openDb(url);
  try {
    await seedDemoTenant(db);
    const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
    const owner = await db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
    const ws = await db.workspace.create({
      data: {
        subscriptionId: sub.id,
        name: WORKSPACE,
        resourceGroup: "rg-load",
        location: "East US",
        fimEnabled: true,
        fimEnabledAt: new Date(),
        fimEnabledById: owner.id,
      },
    });
    await db.trackedEntity.create({
      data: {
        workspaceId: ws.id,
        kind: "LINUX_FILE",
        itemName: "App configuration",
        group: "Load",
        path: "/srv/app",
        pathType: "DIRECTORY",
        recursion: true,
      },
    });
    const { token } = await issueToken(db, { userId: owner.id, name: "bench:load registration" });
    return { workspaceId: ws.id, userToken: token };
  } finally {
    await db.$disconnect();
  }
}

async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function cpuOfComm(comm: string): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== comm) continue;
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // gone
    }
  }
  return total;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "-";

async function main() {
  const fresh = await freshDatabase(kind, option("db-prefix") ?? "vigil_load");
  const instances: Instance[] = [];
  try {
    say(`fresh ${kind} database ${fresh.url}`);
    const { workspaceId, userToken } = await setup(fresh.url);
    await buildIfStale(DIST_DIR, say, { skip: flag("no-build") });
    for (let i = 0; i < INSTANCES + (DASHBOARD_INSTANCE ? 1 : 0); i++)
      instances.push(
        await startServer(
          DIST_DIR,
          { DATABASE_URL: fresh.url, VIGIL_SIGNIN_RATE_MAX: "1000" },
          CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [],
        ),
      );
    say(`${instances.length} web instance(s): ${instances.map((i) => i.base).join(", ")}`);
    const agentInstances = instances.slice(0, INSTANCES);
    const dashboardBase = instances[instances.length - 1].base;
    const cookie = await signIn(dashboardBase);

    const alertProbe = await startAlertProbe(fresh.url, workspaceId);
    say(`registering ${AGENTS} agents through the API`);
    const sims = await pool(AGENTS, 8, async (n): Promise<Sim> => {
      const base = agentInstances[n % agentInstances.length].base;
      const name = `load-${String(n).padStart(4, "0")}`;
      const reg = await json<TAgentRegistration>(
        await fetch(`${base}/api/v1/agent/register`, {
          method: "POST",
          headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
          body: JSON.stringify({ workspace: WORKSPACE, hostname: name, osFamily: "LINUX", osVersion: "Ubuntu 24.04 LTS" }),
        }),
      );
      const cfg = await json<TAgentConfig>(
        await fetch(`${base}/api/v1/agent/config`, { headers: { authorization: `Bearer ${reg.agentToken}` } }),
      );
      const entity = cfg.scans[0]?.entities[0];
      if (!entity) throw new Error("the load workspace has no entity for the agent");
      const sim: Sim = {
        n,
        name,
        base,
        token: reg.agentToken,
        machineId: reg.machineId,
        entityId: entity.id,
        configVersion: cfg.configVersion,
        items: new Map(),
        nextFile: 0,
        nextInode: 1000,
        scans: 0,
      };
      for (; sim.nextFile < ITEMS; sim.nextFile++) {
        const f = file(sim, sim.nextFile);
        sim.items.set(f.itemKey, f);
      }
      return sim;
    });

    say(`baseline scans: ${AGENTS} × ${ITEMS} items`);
    const baselineStart = performance.now();
    await pool(sims.length, 32, async (i) => {
      const r = await postUntilAcked(sims[i], scanBody(sims[i], "baseline"), Date.now() + 600_000);
      if (!r || r.results[0].baselined !== ITEMS) throw new Error(`baseline of ${sims[i].name}: ${JSON.stringify(r)}`);
      sims[i].committed = "baseline";
    });
    const baselineMs = performance.now() - baselineStart;
    stats.latencies.length = 0;
    stats.errors.clear();
    stats.posts = 0;
    stats.retries = 0;

    const intervalMs = RATE > 0 ? (AGENTS * CHANGES * 1000) / RATE : 0;
    say(
      `load: ${AGENTS} agents × ${SECONDS} s, ${CHANGES} changes a scan of ${ITEMS} items (${DELTA ? "delta reports" : "full inventories"}), ` +
        (RATE > 0
          ? `offered ${fmt(RATE)} records/s (a scan every ${fmt(intervalMs / 1000, 2)} s per agent)`
          : "closed loop (as fast as answered)"),
    );
    const load0 = os.loadavg()[0];
    const cpu0 = { bench: process.cpuUsage(), servers: instances.map((i) => groupCpuSeconds(i.child.pid!)), pg: cpuOfComm("postgres") };
    const t0 = performance.now();
    const stopAt = Date.now() + SECONDS * 1000;
    let loadDone = false;
    const probing = probeDashboard(dashboardBase, cookie, workspaceId, PROBE_PERIOD, () => loadDone || Date.now() >= stopAt, countError);
    await Promise.all(
      sims.map((s) =>
        runAgent(s, { stopAt, graceUntil: stopAt + 120_000, intervalMs, changes: CHANGES, resendEvery: RESEND_EVERY, delta: DELTA }),
      ),
    );
    const wallS = (performance.now() - t0) / 1000;
    loadDone = true;
    const dash = await probing;
    const cpuBench = process.cpuUsage(cpu0.bench);
    const cpuServers = instances.map((i, k) => groupCpuSeconds(i.child.pid!) - cpu0.servers[k]);
    const cpuPg = cpuOfComm("postgres") - cpu0.pg;
    const load1 = os.loadavg()[0];
    const alertsRaised = await (async () => {
      const adb = await openDb(fresh.url);
      try {
        return await adb.alert.count({ where: { workspaceId } });
      } finally {
        await adb.$disconnect();
      }
    })();
    const alerts = await stopAlertProbe(alertProbe, alertsRaised);
    const alertP95 = percentile(
      [...alerts.latencies].sort((a, b) => a - b),
      95,
    );

    // ── verify against the database ──
    const db = await openDb(fresh.url);
    let stored = 0;
    let distinct = 0;
    let mismatched = 0;
    let scanRows = 0;
    try {
      stored = await db.changeRecord.count({ where: { workspaceId } });
      const q =
        kind === "postgres"
          ? `SELECT COUNT(*) AS n FROM (SELECT DISTINCT "scanId", "seq" FROM "ChangeRecord" WHERE "workspaceId" = $1) d`
          : `SELECT COUNT(*) AS n FROM (SELECT DISTINCT "scanId", "seq" FROM "ChangeRecord" WHERE "workspaceId" = ?) d`;
      distinct = Number(((await db.$queryRawUnsafe(q, workspaceId)) as { n: bigint | number }[])[0].n);
      const perScan = await db.changeRecord.groupBy({ by: ["scanId"], where: { workspaceId }, _count: { _all: true } });
      const storedBy = new Map(perScan.map((g) => [g.scanId, g._count._all]));
      for (const a of stats.acks) if ((storedBy.get(`agent-${a.machineId}-${a.scanId}`) ?? 0) !== a.expected) mismatched++;
      scanRows = await db.scan.count({ where: { machine: { workspaceId } } });
    } finally {
      await db.$disconnect();
    }
    const expected = stats.acks.reduce((s, a) => s + a.expected, 0);
    const reported = stats.acks.reduce((s, a) => s + a.reported, 0);
    const lost = expected - distinct;
    const duplicated = stored - distinct;
    const recordsPerS = expected / wallS;
    const lat = [...stats.latencies].sort((a, b) => a - b);
    // The ingesting web instances' CPU (not the dashboard-only one) per change record stored.
    const cpuPerRecord = (cpuServers.slice(0, INSTANCES).reduce((a, b) => a + b, 0) * 1000) / Math.max(1, expected);
    const p = (xs: number[], q: number) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        q,
      );

    const rows: [string, string][] = [
      ["database", kind],
      [
        "web instances",
        `${INSTANCES} for agents${DASHBOARD_INSTANCE ? " + 1 for the dashboard probe only" : " (the probe uses the first)"}`,
      ],
      ["agents", String(AGENTS)],
      ["load (offered)", RATE > 0 ? `${fmt(RATE)} records/s` : "closed loop"],
      [
        "scan shape",
        `${ITEMS} items, ${CHANGES} changes (60% modified, 20% added, 20% removed), ${DELTA ? "reported as deltas" : "reported as full inventories"}`,
      ],
      ["baseline", `${AGENTS} scans × ${ITEMS} items in ${fmt(baselineMs / 1000, 1)} s`],
      ["duration", `${fmt(wallS, 1)} s`],
      ["scans acknowledged", fmt(stats.acks.length)],
      ["requests posted", `${fmt(stats.posts)} (${fmt(stats.resends)} deliberate resends, ${fmt(stats.retries)} retries after errors)`],
      [
        "resends answered duplicate",
        `${fmt(stats.resendsOk)} of ${fmt(stats.resends)}${stats.resendsBad ? ` (${stats.resendsBad} NOT duplicate)` : ""}`,
      ],
      ["records sent", fmt(expected)],
      ["records reported by server", fmt(reported)],
      ["records/s", fmt(recordsPerS)],
      ["scans/s", fmt(stats.acks.length / wallS, 1)],
      ["request p50 / p95 / p99", `${fmt(percentile(lat, 50), 1)} / ${fmt(percentile(lat, 95), 1)} / ${fmt(percentile(lat, 99), 1)} ms`],
      ["errors by status", stats.errors.size ? [...stats.errors].map(([k, v]) => `${k}: ${v}`).join(", ") : "none"],
      ["rejected (4xx)", String(stats.rejected)],
      [
        `dashboard summary p50/p95 (${PROBE_PERIOD})`,
        `${fmt(p(dash.summary, 50), 1)} / ${fmt(p(dash.summary, 95), 1)} ms (n=${dash.summary.length}; target p95 ≤ 50)`,
      ],
      [
        `Servers tab p50/p95`,
        `${fmt(p(dash.servers, 50), 1)} / ${fmt(p(dash.servers, 95), 1)} ms (n=${dash.servers.length}; target p95 ≤ 100)`,
      ],
      [
        `Changes tab p50/p95`,
        `${fmt(p(dash.changes, 50), 1)} / ${fmt(p(dash.changes, 95), 1)} ms (n=${dash.changes.length}; target p95 ≤ 100)`,
      ],
      [
        "CPU: web server(s)",
        `${cpuServers.map((c) => `${fmt(c, 1)} s`).join(" + ")} = ${fmt(cpuServers.reduce((a, b) => a + b, 0) / wallS, 2)} cores`,
      ],
      [
        "CPU: load generator",
        `${fmt((cpuBench.user + cpuBench.system) / 1e6, 1)} s = ${fmt((cpuBench.user + cpuBench.system) / 1e6 / wallS, 2)} cores`,
      ],
      ...(kind === "postgres"
        ? ([["CPU: postgres (all its processes)", `${fmt(cpuPg, 1)} s = ${fmt(cpuPg / wallS, 2)} cores`]] as [string, string][])
        : []),
      ["load average (1 min) before / after", `${load0.toFixed(2)} / ${load1.toFixed(2)} on ${os.availableParallelism()} cores`],
      ["verify: expected records", fmt(expected)],
      ["verify: stored / distinct (scanId, seq)", `${fmt(stored)} / ${fmt(distinct)}`],
      ["verify: scans whose records differ", String(mismatched)],
      ["verify: scan rows", `${fmt(scanRows)} (${AGENTS} baselines + ${fmt(stats.acks.length)} scans)`],
      ["lost / duplicated", `${lost} / ${duplicated}`],
      [
        "alerts: raised / received / bad signatures",
        `${fmt(alertsRaised)} / ${fmt(alerts.received)} / ${alerts.badSignatures} (rule: every change, 1 min window)`,
      ],
      [
        "alert latency p50 / p95 / max",
        `${fmt(p(alerts.latencies, 50))} / ${fmt(alertP95)} / ${fmt(Math.max(...alerts.latencies))} ms (write to webhook receipt; target p95 ≤ 2000)`,
      ],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
    console.log(
      `bench:load db=${kind} agents=${AGENTS} records_per_s=${Math.round(recordsPerS)} p95_ms=${Math.round(percentile(lat, 95))} lost=${lost} duplicated=${duplicated} cpu_ms_per_record=${cpuPerRecord.toFixed(3)} alert_p95_ms=${Math.round(alertP95)}`,
    );
    process.exitCode = lost || duplicated || mismatched || stats.resendsBad ? 1 : 0;
  } finally {
    for (const i of instances) stopServer(i);
    // A profiled server writes its profile as it exits.
    if (CPU_PROF) await Promise.all(instances.map((i) => (i.child.exitCode === null ? new Promise((r) => i.child.once("exit", r)) : null)));
    if (!flag("keep")) await fresh.drop();
    else say(`kept the database: ${fresh.url}`);
  }
}

await main();
