import "server-only";
import { CIRCUIT_OPEN_MS, CIRCUIT_THRESHOLD, retryDelayMs } from "@/lib/domain/alerts";
import type { Destination } from "@/lib/generated/sqlite/client";
import type { Db } from "../db";
import { alertPayload } from "./payload";
import { sendTo, type SendResult } from "./send";

// The outbox's consumer (run by the scanner worker). Each destination gets its deliveries strictly in order: the
// oldest pending one (the head) is sent, and only once it is delivered does the next go, so a receiver that was down
// gets its backlog in the order the alerts were raised. A delivery is marked Delivered only after the receiver
// answered 2xx: a worker killed in between sends it again, with the same idempotency key (at least once).

/** A delivery still failing after this long is given up (Failed), so one poisoned alert cannot block a queue forever. */
const GIVE_UP_MS = 72 * 3600_000;
/** Deliveries sent to one destination in one pass, at most. */
const BATCH = 50;

export type Sender = (d: Destination, payload: NonNullable<Awaited<ReturnType<typeof alertPayload>>>) => Promise<SendResult>;

/** One pass: every destination with a due head delivery drains its queue until empty, failed or BATCH sent. */
export async function deliverDue(db: Db, opts: { now?: () => Date; send?: Sender } = {}): Promise<{ delivered: number; failed: number }> {
  const now = opts.now ?? (() => new Date());
  const send = opts.send ?? sendTo;
  const pending = await db.alertDelivery.groupBy({ by: ["destinationId"], where: { status: "Pending" } });
  if (pending.length === 0) return { delivered: 0, failed: 0 };
  const destinations = await db.destination.findMany({ where: { id: { in: pending.map((p) => p.destinationId) }, enabled: true } });
  const results = await Promise.all(destinations.map((d) => drain(db, d, now, send)));
  return results.reduce((a, r) => ({ delivered: a.delivered + r.delivered, failed: a.failed + r.failed }), { delivered: 0, failed: 0 });
}

async function drain(db: Db, d: Destination, now: () => Date, send: Sender) {
  let delivered = 0;
  let failures = d.failures;
  if (d.circuitOpenUntil && d.circuitOpenUntil > now()) return { delivered, failed: 0 };
  for (let i = 0; i < BATCH; i++) {
    const head = await db.alertDelivery.findFirst({ where: { destinationId: d.id, status: "Pending" }, orderBy: { id: "asc" } });
    if (!head || head.nextAttemptAt > now()) break;
    const payload = await alertPayload(db, head.alertId);
    if (!payload) {
      await db.alertDelivery.update({ where: { id: head.id }, data: { status: "Failed", lastError: "The alert was deleted" } });
      continue;
    }
    const attempt = head.attempts + 1;
    const result = await send(d, payload);
    const at = now();
    await db.deliveryAttempt.create({
      data: {
        destinationId: d.id,
        deliveryId: head.id,
        alertId: head.alertId,
        at,
        attempt,
        ok: result.ok,
        statusCode: result.statusCode,
        error: result.error,
        ms: result.ms,
      },
    });
    if (result.ok) {
      await db.alertDelivery.update({
        where: { id: head.id },
        data: { status: "Delivered", attempts: attempt, deliveredAt: at, lastError: null },
      });
      if (failures > 0 || d.circuitOpenUntil)
        await db.destination.update({ where: { id: d.id }, data: { failures: 0, circuitOpenUntil: null } });
      failures = 0;
      delivered++;
      continue;
    }
    failures++;
    const givenUp = at.getTime() - head.createdAt.getTime() > GIVE_UP_MS;
    await db.alertDelivery.update({
      where: { id: head.id },
      data: {
        attempts: attempt,
        lastError: result.error,
        status: givenUp ? "Failed" : "Pending",
        nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempt)),
      },
    });
    // Circuit breaker: a destination failing again and again is left alone for a while (one probe when it reopens).
    await db.destination.update({
      where: { id: d.id },
      data: { failures, circuitOpenUntil: failures >= CIRCUIT_THRESHOLD ? new Date(at.getTime() + CIRCUIT_OPEN_MS) : null },
    });
    return { delivered, failed: 1 };
  }
  return { delivered, failed: 0 };
}

/**
 * The delivery loop: a pass every `intervalMs` (VIGIL_ALERT_POLL_MS, 250 ms by default) until stopped. A pass that
 * throws (database busy) is logged and the next one tries again.
 */
export function startAlertDelivery(db: Db, opts: { intervalMs?: number; onError?: (err: Error) => void } = {}) {
  const intervalMs = opts.intervalMs ?? Number(process.env.VIGIL_ALERT_POLL_MS ?? 250);
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        await deliverDue(db);
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
