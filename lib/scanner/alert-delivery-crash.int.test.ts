// The worker killed with SIGKILL in the middle of delivering alerts loses none: after a restart every alert reaches
// the receiver, in the order raised; an alert that arrives twice (sent, then killed before it was marked) carries the
// same idempotency key both times.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { encryptSecret, newSigningKey } from "@/lib/server/alerts/crypto";
import { commitScan } from "@/lib/server/ingest/commit-scan";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { startReceiver, type Receiver } from "@/lib/testing/alert-receiver";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ALERTS = 40;
const KEY = newSigningKey();
const SECRET_KEY = "crash-test-storage-key";
let t: TestDb;
let receiver: Receiver;
afterAll(async () => {
  await receiver?.close();
  await t?.drop();
});

function startWorker(url: string): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/scanner/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      VIGIL_AGENTS: "NONE",
      VIGIL_HISTORY_DAYS: "0",
      VIGIL_DEMO_ACTIVITY_MS: "0",
      VIGIL_SECRET_KEY: SECRET_KEY,
      VIGIL_ALERT_ALLOW_LOOPBACK: "1",
      VIGIL_ALERT_POLL_MS: "50",
      // Restarted under the same identity (as a service manager does): it takes its destinations' claims back at once.
      VIGIL_WORKER_ID: "alert-crash-worker",
    },
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not met in time");
}
const exited = (child: ChildProcess) => new Promise((resolve) => child.on("exit", resolve));

/** ALERTS scans, each changing /etc/a.conf far enough apart (the window is a minute) to raise an alert of its own. */
async function raiseAlerts(machineId: string, entityId: string) {
  const entry = (sha: string): InventoryEntry => ({ changeType: "Files", itemKey: "/etc/a.conf", entityId, size: 1n, sha256: sha });
  for (let i = 0; i <= ALERTS; i++) {
    const time = new Date(Date.UTC(2026, 10, 20, 0, i * 2));
    await commitScan(t.db, {
      scanId: `crash-${i}`,
      machineId,
      changeType: "Files",
      startedAt: time,
      finishedAt: time,
      entityIds: [entityId],
      entries: [entry(`s${i}`)],
      errors: [],
    });
  }
}

describe("a worker killed mid-delivery", () => {
  it("delivers every alert after a restart, in order, duplicates only with the same key", async () => {
    process.env.VIGIL_SECRET_KEY = SECRET_KEY;
    t = await createTestDb();
    await seedDemoTenant(t.db);
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
    const entity = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/etc/*.conf" } });
    receiver = await startReceiver(() => KEY);
    receiver.setDelay(40);
    const d = await t.db.destination.create({
      data: {
        workspaceId: m.workspaceId,
        name: "hook",
        kind: "WEBHOOK",
        configJson: JSON.stringify({ url: receiver.url, format: "json" }),
        secretEnc: encryptSecret(KEY),
      },
    });
    await t.db.alertRule.create({
      data: {
        workspaceId: m.workspaceId,
        name: "a.conf",
        severity: "Medium",
        pathPattern: "/etc/a.conf",
        windowMinutes: 1,
        destinationIds: d.id,
      },
    });
    await raiseAlerts(m.id, entity.id);
    const ids = (await t.db.alert.findMany({ orderBy: { createdAt: "asc" }, select: { id: true } })).map((a) => a.id);
    expect(ids).toHaveLength(ALERTS);

    const first = startWorker(t.url);
    await waitFor(() => receiver.received.length >= ALERTS / 3, 60_000);
    first.kill("SIGKILL");
    await exited(first);
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBeLessThan(ALERTS);

    const second = startWorker(t.url);
    await waitFor(async () => (await t.db.alertDelivery.count({ where: { status: "Delivered" } })) === ALERTS, 60_000);
    second.kill("SIGTERM");
    await exited(second);

    const keys = receiver.received.map((r) => r.idempotencyKey);
    expect(receiver.received.every((r) => r.signatureOk && r.body.id === r.idempotencyKey)).toBe(true);
    expect([...new Set(keys)]).toEqual(ids);
    console.log(
      `kill test: ${ALERTS} alerts, ${beforeRestart} received before SIGKILL, ${keys.length - ALERTS} duplicate(s) after restart`,
    );
  }, 180_000);
});
