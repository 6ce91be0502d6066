import "server-only";
import { MessageChannel, Worker } from "node:worker_threads";
import type { SqlParam } from "@/lib/domain/logs/sql-text";
import { sqliteDriverPath } from "../sqlite-driver";
import { WORKER_SOURCE } from "./sqlite-worker-source";

// Logs queries on SQLite run in worker threads with their own read-only connections: a heavy query never blocks
// the portal's event loop, and the deadline inside the statement stops it (see sqlite-worker-source.ts).

const WORKERS_PER_FILE = 2;

type Slot = { worker: Worker; busy: boolean };
type Pool = { file: string; slots: Slot[]; waiting: (() => void)[] };

const globalForPools = globalThis as unknown as { vigilLogsPools?: Map<string, Pool> };
const pools = (globalForPools.vigilLogsPools ??= new Map<string, Pool>());

function spawn(file: string): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: sqliteDriverPath() } });
  worker.unref();
  return { worker, busy: false };
}

async function acquire(file: string): Promise<{ slot: Slot; pool: Pool }> {
  let pool = pools.get(file);
  if (!pool) {
    pool = { file, slots: [], waiting: [] };
    pools.set(file, pool);
  }
  for (;;) {
    const free = pool.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return { slot: free, pool };
    }
    if (pool.slots.length < WORKERS_PER_FILE) {
      const slot = spawn(file);
      slot.busy = true;
      pool.slots.push(slot);
      return { slot, pool };
    }
    await new Promise<void>((resolve) => pool.waiting.push(resolve));
  }
}

function release(pool: Pool, slot: Slot): void {
  slot.busy = false;
  pool.waiting.shift()?.();
}

export class QueryTimeoutError extends Error {}

type Message = { rows?: unknown[][]; done?: boolean; error?: string; timeout?: boolean };

/**
 * Batches of rows of one statement, read in a worker. Stopping early (break) tells the worker to stop reading.
 * limitMs counts the time the worker spends reading, not the time it waits for the caller.
 */
export async function* sqliteBatches(
  file: string,
  sql: string,
  params: SqlParam[],
  limitMs: number,
  batch = 1000,
): AsyncGenerator<unknown[][]> {
  const { slot, pool } = await acquire(file);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const inbox: Message[] = [];
  let wake: (() => void) | null = null;
  port1.on("message", (m: Message) => {
    inbox.push(m);
    wake?.();
  });
  const onExit = () => {
    inbox.push({ error: "The query worker stopped." });
    wake?.();
  };
  slot.worker.once("exit", onExit);
  slot.worker.postMessage({ sql, params, limitMs, batch, port: port2, flag: flag.buffer }, [port2]);
  let finished = false;
  try {
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const m = inbox.shift()!;
      if (m.error !== undefined) {
        finished = true;
        throw m.timeout ? new QueryTimeoutError(m.error) : new Error(m.error);
      }
      if (m.done) finished = true;
      if (m.rows && m.rows.length > 0) yield m.rows;
      if (m.done) return;
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    }
  } finally {
    if (!finished) {
      // The caller stopped early: tell the worker to stop, and wait for its last message before reusing it.
      Atomics.store(flag, 0, 2);
      Atomics.notify(flag, 0);
      while (!inbox.some((m) => m.done || m.error !== undefined)) await new Promise<void>((resolve) => (wake = resolve));
    }
    slot.worker.off("exit", onExit);
    port1.close();
    if (slot.worker.threadId < 0) pool.slots.splice(pool.slots.indexOf(slot), 1);
    release(pool, slot);
  }
}
