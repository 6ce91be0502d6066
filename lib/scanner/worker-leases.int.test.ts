// Two workers against one database: each machine is collected by one of them at a time, and when the one holding
// the machines is killed (SIGKILL: no clean release), the other takes them over once their leases expire.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "@/lib/server/seed/seed";

const ROOT = path.resolve(import.meta.dirname, "../..");
let t: TestDb | null = null;
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await t?.drop();
});

type Worker = { child: ChildProcess; lines: Record<string, unknown>[] };

function startWorker(url: string, id: string): Worker {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/scanner/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      VIGIL_WORKER_ID: id,
      VIGIL_AGENTS: "SIMULATED",
      VIGIL_HISTORY_DAYS: "0",
      // Files every 0.9 s, registry every 3 s: every pass of the holder renews its leases.
      VIGIL_TIME_SCALE: "1000",
      VIGIL_SCAN_PAUSE_MS: "100",
      VIGIL_LEASE_MS: "15000",
      VIGIL_DEMO_ACTIVITY_MS: "0",
      VIGIL_PURGE_EVERY_MS: "0",
    },
  });
  children.push(child);
  const w: Worker = { child, lines: [] };
  let buf = "";
  child.stdout?.on("data", (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split("\n");
    buf = parts.pop() ?? "";
    for (const p of parts) if (p.startsWith("{")) w.lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  return w;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}

const firstPass = (w: Worker) => w.lines.find((l) => l.msg === "first pass done");

describe("two workers on one database", () => {
  it("collect each machine with one worker at a time, and a killed worker's machines move to the other", async () => {
    t = await createTestDb();
    const db = t.db;
    await seedDemoTenant(db);
    const fleet = await db.machine.findMany({ where: { agentKind: "SIMULATED", workspace: { fimEnabled: true } }, select: { id: true } });
    expect(fleet.length).toBeGreaterThan(3);
    const owners = async () => (await db.machine.findMany({ where: { id: { in: fleet.map((m) => m.id) } } })).map((m) => m.leaseOwner);

    const a = startWorker(t.url, "worker-a");
    await waitFor(() => !!firstPass(a), 120_000);
    expect(new Set(await owners())).toEqual(new Set(["worker-a"]));

    // B runs whole passes while A lives: every machine is A's, so B scans none.
    const b = startWorker(t.url, "worker-b");
    await waitFor(() => !!firstPass(b), 120_000);
    expect(firstPass(b)).toMatchObject({ scans: 0, skipped: expect.any(Number) });
    expect(new Set(await owners())).toEqual(new Set(["worker-a"]));

    a.child.kill("SIGKILL");
    await new Promise((r) => a.child.once("exit", r));
    const scansAtKill = await db.scan.count();
    await waitFor(async () => (await owners()).every((o) => o === "worker-b"), 120_000);
    // B collects them from then on.
    await waitFor(async () => (await db.scan.count()) > scansAtKill + fleet.length, 120_000);
    expect(new Set(await owners())).toEqual(new Set(["worker-b"]));

    b.child.kill("SIGTERM");
    await new Promise((r) => b.child.once("exit", r));
    // A clean stop hands its machines back at once.
    expect(new Set(await owners())).toEqual(new Set([null]));
  }, 300_000);
});
