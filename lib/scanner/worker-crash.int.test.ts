// The worker killed with SIGKILL in the middle of its scans loses no change record and duplicates none: after a
// restart, the database holds exactly what an uninterrupted run writes.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { simulatedAgent } from "./agents/simulated";
import { backfillHistory } from "./history";
import { activityBetween } from "./sim";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NOW = "2026-11-20T12:00:00.000Z";
const DAYS = "2";
const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

function startWorker(url: string): ChildProcess {
  // node itself (not the tsx wrapper, which runs the script in a child that SIGKILL would orphan).
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/scanner/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      VIGIL_HISTORY_DAYS: DAYS,
      VIGIL_HISTORY_NOW: NOW,
      VIGIL_WORKER_EXIT_AFTER_HISTORY: "1",
      VIGIL_DEMO_ACTIVITY_MS: "0",
      // Restarted under the same id, the worker takes back at once the machine whose lease the killed run held.
      VIGIL_WORKER_ID: "crash-test-worker",
    },
  });
}

/** The exit code, with the worker's stderr when it failed (so a red test says why). */
function exited(child: ChildProcess): Promise<number | string | null> {
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on("exit", (code) => resolve(code === 0 || code === null ? code : `${code}: ${stderr.slice(-2000)}`)),
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}

const snapshot = async (t: TestDb) =>
  (
    await t.db.changeRecord.findMany({
      select: { computer: true, timeGenerated: true, changeType: true, category: true, target: true, fieldsChanged: true, sha256: true },
    })
  )
    .map((r) => `${r.computer}|${r.timeGenerated.toISOString()}|${r.changeType}|${r.category}|${r.target}|${r.fieldsChanged}|${r.sha256}`)
    .sort();

describe("a worker killed mid-scan", () => {
  it("loses nothing and duplicates nothing after a restart", async () => {
    const reference = await createTestDb();
    dbs.push(reference);
    await seedDemoTenant(reference.db, new Date(NOW));
    await backfillHistory(reference.db, { agent: simulatedAgent, activityBetween, days: Number(DAYS), now: new Date(NOW) });
    const expected = await snapshot(reference);
    const expectedScans = await reference.db.scan.count();
    expect(expected.length).toBeGreaterThan(50);

    const crashed = await createTestDb();
    dbs.push(crashed);
    await seedDemoTenant(crashed.db, new Date(NOW));
    const first = startWorker(crashed.url);
    // Killed once a good part of the scans are in: the next batch is mid-transaction or mid-simulation.
    await waitFor(async () => (await crashed.db.scan.count()) >= expectedScans / 3, 120_000);
    first.kill("SIGKILL");
    await exited(first);
    const partial = await crashed.db.changeRecord.count();
    expect(partial).toBeLessThan(expected.length);

    expect(await exited(startWorker(crashed.url))).toBe(0);
    expect(await snapshot(crashed)).toEqual(expected);
  }, 300_000);
});
