import "server-only";
import crypto from "node:crypto";
import { CIRCUIT_OPEN_MS, CIRCUIT_THRESHOLD, retryDelayMs } from "@/lib/domain/alerts";
import type { AlertDelivery, Destination, Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "../db";
import { writeTransaction } from "../tx";
import { alertPayloads, type AlertPayload } from "./payload";
import { sendTo, type SendResult } from "./send";

// The outbox's consumer (run by the scanner worker). Each destination gets its deliveries strictly in order: they are
// sent one after the other, oldest first, and the first that fails stops its destination's queue until its retry, so
// a receiver that was down gets its backlog in the order the alerts were raised. Deliveries are marked Delivered only
// after the receiver answered 2xx (a batch at a time): a worker killed in between sends them again, with the same
// idempotency key (at least once). Several workers may run (scale-out): a destination's queue is drained by one of
// them at a time, the one holding its claim (deliveryOwner until deliveryUntil, renewed before a send once half its
// time has passed), so two workers never send the same deliveries side by side; a worker that dies leaves a claim that
// expires.

/** A delivery still failing after this long is given up (Failed), so one poisoned alert cannot block a queue forever. */
const GIVE_UP_MS = 72 * 3600_000;
/** Deliveries read, sent and recorded together; a pass drains at most ROUNDS batches a destination. */
const BATCH = 50;
const ROUNDS = 4;
/**
 * How long a destination's claim holds without renewal. It is renewed before a send once half of it has passed, so
 * half of it must stay above one send's timeouts. Not renewed before every send: on SQLite each renewal is a write that
 * queues for the one writer behind the scans being committed, and a backlog of alerts would pay that wait per alert.
 */
const CLAIM_MS = Number(process.env.VIGIL_DELIVERY_CLAIM_MS ?? 60_000);
/** This process's identity as a deliverer, when the worker gives none. */
const PROCESS_DELIVERER = `${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

export type Sender = (d: Destination, payload: AlertPayload) => Promise<SendResult>;
type Clock = () => Date;
type Sent = { delivery: AlertDelivery; result: SendResult; at: Date };

/** One pass: every enabled destination with pending deliveries drains its queue until empty, failed or ROUNDS batches. */
export async function deliverDue(
  db: Db,
  opts: { now?: Clock; send?: Sender; worker?: string } = {},
): Promise<{ delivered: number; failed: number }> {
  const now = opts.now ?? (() => new Date());
  const worker = opts.worker ?? PROCESS_DELIVERER;
  const pending = await db.alertDelivery.groupBy({ by: ["destinationId"], where: { status: "Pending" } });
  if (pending.length === 0) return { delivered: 0, failed: 0 };
  const destinations = await db.destination.findMany({ where: { id: { in: pending.map((p) => p.destinationId) }, enabled: true } });
  const results = await Promise.all(destinations.map((d) => drain(db, d, now, opts.send ?? sendTo, worker)));
  return results.reduce((a, r) => ({ delivered: a.delivered + r.delivered, failed: a.failed + r.failed }), { delivered: 0, failed: 0 });
}

/** Takes (or renews) the destination's claim for `worker`: false when another worker holds an unexpired one. */
async function claim(db: Db, destinationId: string, worker: string, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + CLAIM_MS);
  // One conditional UPDATE: SQLite has one writer; PostgreSQL re-checks the condition after a concurrent claim commits.
  const n = await db.$executeRaw`UPDATE "Destination" SET "deliveryOwner" = ${worker}, "deliveryUntil" = ${until}
    WHERE "id" = ${destinationId}
      AND ("deliveryOwner" IS NULL OR "deliveryOwner" = ${worker} OR "deliveryUntil" IS NULL OR "deliveryUntil" < ${now})`;
  return n === 1;
}

async function drain(db: Db, d: Destination, now: Clock, send: Sender, worker: string) {
  if (d.circuitOpenUntil && d.circuitOpenUntil > now()) return { delivered: 0, failed: 0 };
  const claimed = { held: false };
  try {
    return await drainClaimed(db, d, now, send, worker, claimed);
  } finally {
    // Handed back at once, so that another worker can take the queue on its next pass (the last batch's transaction
    // usually did it already: one write fewer a pass, each of which waits for SQLite's one writer under ingestion).
    if (claimed.held) await release(db, d.id, worker);
  }
}

const release = (db: Db | Prisma.TransactionClient, destinationId: string, worker: string) =>
  db.$executeRaw`UPDATE "Destination" SET "deliveryOwner" = NULL, "deliveryUntil" = NULL
    WHERE "id" = ${destinationId} AND "deliveryOwner" = ${worker}`;

async function drainClaimed(db: Db, d: Destination, now: Clock, send: Sender, worker: string, claimed: { held: boolean }) {
  let delivered = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let claimedAt = now();
    if (!(await claim(db, d.id, worker, claimedAt))) break;
    claimed.held = true;
    const due = await db.alertDelivery.findMany({ where: { destinationId: d.id, status: "Pending" }, orderBy: { id: "asc" }, take: BATCH });
    if (due.length === 0 || due[0].nextAttemptAt > now()) break;
    const payloads = await alertPayloads(
      db,
      due.map((x) => x.alertId),
    );
    const sent: Sent[] = [];
    let failure: Sent | null = null;
    for (const delivery of due) {
      if (delivery.nextAttemptAt > now()) break;
      if (now().getTime() - claimedAt.getTime() >= CLAIM_MS / 2) {
        claimedAt = now();
        if (!(await claim(db, d.id, worker, claimedAt))) break;
      }
      const payload = payloads.get(delivery.alertId);
      // An alert deleted meanwhile (its workspace removed) has nothing to send: counted as done.
      const result = payload ? await send(d, payload) : { ok: true, statusCode: null, error: null, ms: 0 };
      if (!result.ok) {
        failure = { delivery, result, at: now() };
        break;
      }
      sent.push({ delivery, result, at: now() });
    }
    const last = failure !== null || due.length < BATCH || round === ROUNDS - 1;
    await record(db, d, sent, failure, last ? worker : null);
    if (last) claimed.held = false;
    delivered += sent.length;
    if (failure) return { delivered, failed: 1 };
    if (due.length < BATCH) break;
  }
  return { delivered, failed: 0 };
}

/**
 * Writes a batch's outcome in one transaction: the delivery log, the deliveries, the destination's circuit, and for a
 * pass's last batch the hand-back of the destination's claim by `releasedBy`.
 */
async function record(db: Db, d: Destination, sent: Sent[], failure: Sent | null, releasedBy: string | null) {
  const attempt = (s: Sent) => ({
    destinationId: d.id,
    deliveryId: s.delivery.id,
    alertId: s.delivery.alertId,
    at: s.at,
    attempt: s.delivery.attempts + 1,
    ok: s.result.ok,
    statusCode: s.result.statusCode,
    error: s.result.error,
    ms: s.result.ms,
  });
  await writeTransaction(db, async (tx) => {
    if (releasedBy) await release(tx, d.id, releasedBy);
    await tx.deliveryAttempt.createMany({ data: [...sent, ...(failure ? [failure] : [])].map(attempt) });
    if (sent.length) {
      await tx.alertDelivery.updateMany({
        where: { id: { in: sent.map((s) => s.delivery.id) } },
        data: { status: "Delivered", deliveredAt: sent[sent.length - 1].at, attempts: { increment: 1 }, lastError: null },
      });
    }
    if (!failure) {
      if (sent.length && (d.failures > 0 || d.circuitOpenUntil)) {
        await tx.destination.update({ where: { id: d.id }, data: { failures: 0, circuitOpenUntil: null } });
        d.failures = 0;
        d.circuitOpenUntil = null;
      }
      return;
    }
    const { delivery, result, at } = failure;
    const givenUp = at.getTime() - delivery.createdAt.getTime() > GIVE_UP_MS;
    await tx.alertDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts: delivery.attempts + 1,
        lastError: result.error,
        status: givenUp ? "Failed" : "Pending",
        nextAttemptAt: new Date(at.getTime() + retryDelayMs(delivery.attempts + 1)),
      },
    });
    // Circuit breaker: a destination failing again and again is left alone for a while (one probe when it reopens).
    const failures = (sent.length ? 0 : d.failures) + 1;
    await tx.destination.update({
      where: { id: d.id },
      data: { failures, circuitOpenUntil: failures >= CIRCUIT_THRESHOLD ? new Date(at.getTime() + CIRCUIT_OPEN_MS) : null },
    });
  });
}

/**
 * The delivery loop: a pass every `intervalMs` (VIGIL_ALERT_POLL_MS, 250 ms by default) until stopped. A pass that
 * throws (database busy) is logged and the next one tries again.
 */
export function startAlertDelivery(db: Db, opts: { intervalMs?: number; worker?: string; onError?: (err: Error) => void } = {}) {
  const intervalMs = opts.intervalMs ?? Number(process.env.VIGIL_ALERT_POLL_MS ?? 250);
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        await deliverDue(db, { worker: opts.worker });
      } catch (err) {
        opts.onError?.(err as Error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
