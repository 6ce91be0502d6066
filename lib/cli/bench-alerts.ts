// bench:load's alert latency: an alert rule that every change of the load workspace meets (grouping window 1 minute,
// so each machine raises an alert a minute), a signed webhook to a receiver on loopback, and the scanner worker's
// delivery loop running beside the web servers. Latency is from the alert's write (raisedAt, in the transaction of
// its changes) to the receiver having the whole request.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { encryptSecret, newSigningKey } from "@/lib/server/alerts/crypto";
import { openDb } from "@/lib/server/db";
import { startReceiver, type Receiver } from "@/lib/testing/alert-receiver";

const root = path.resolve(import.meta.dirname, "../..");

export type AlertProbe = { receiver: Receiver; worker: ChildProcess; key: string };

export async function startAlertProbe(url: string, workspaceId: string): Promise<AlertProbe> {
  process.env.VIGIL_SECRET_KEY ??= `bench-load-${process.pid}`;
  process.env.VIGIL_ALERT_ALLOW_LOOPBACK = "1";
  const key = newSigningKey();
  const receiver = await startReceiver(() => key);
  const db = await openDb(url);
  try {
    const d = await db.destination.create({
      data: {
        workspaceId,
        name: "bench webhook",
        kind: "WEBHOOK",
        configJson: JSON.stringify({ url: receiver.url, format: "json" }),
        secretEnc: encryptSecret(key),
      },
    });
    await db.alertRule.create({ data: { workspaceId, name: "every change", severity: "Low", windowMinutes: 1, destinationIds: d.id } });
  } finally {
    await db.$disconnect();
  }
  // The worker with no agent of its own: only its alert delivery loop runs.
  const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/scanner/worker.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      DATABASE_URL: url,
      VIGIL_AGENTS: "NONE",
      VIGIL_HISTORY_DAYS: "0",
      VIGIL_DEMO_ACTIVITY_MS: "0",
    },
  });
  return { receiver, worker, key };
}

/** Latencies in ms of the alerts received (first receipt of each), and whether every signature held. */
export async function stopAlertProbe(
  p: AlertProbe,
  raised: number,
  graceMs = 30_000,
): Promise<{ latencies: number[]; received: number; badSignatures: number }> {
  const deadline = Date.now() + graceMs;
  while (new Set(p.receiver.received.map((r) => r.idempotencyKey)).size < raised && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  // Gone before the database is dropped: a worker still shutting down would print its failures after the summary.
  const exited = new Promise((resolve) => (p.worker.exitCode !== null ? resolve(null) : p.worker.once("exit", resolve)));
  p.worker.kill("SIGTERM");
  const killLater = setTimeout(() => p.worker.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killLater);
  await p.receiver.close();
  const first = new Map<string, number>();
  for (const r of p.receiver.received)
    if (!first.has(r.idempotencyKey)) first.set(r.idempotencyKey, r.at - Date.parse(String(r.body.raisedAt)));
  return { latencies: [...first.values()], received: first.size, badSignatures: p.receiver.received.filter((r) => !r.signatureOk).length };
}
