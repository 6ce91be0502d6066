// The scan-commit thread itself (see commit-thread.ts): its own database client, and commitScan for every report the
// web process's main thread sends (on SQLite, the reports queued meanwhile together: commit-batch.ts).
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
import { databaseKind, openDb } from "../db";
import { AppError } from "../errors";
import { commitScanBatch, type BatchOutcome } from "./commit-batch";
import type { CommitRequest, CommitReply } from "./commit-thread-protocol";
import { fingerprintOf } from "./inventory";

const port = parentPort!;
const db = await openDb((workerData as { url: string }).url);

/**
 * SQLite has one writer, and no queue for it: a connection that finds the write lock taken sleeps and tries again
 * (1, 2, 5, 10 … 100 ms). A thread committing scans back to back would leave it only microseconds between two
 * transactions, so the worker's alert deliveries and the portal's own writes would wait seconds. Under a backlog the
 * thread leaves the lock free after each transaction for a fifth of the time it held it (at least 2 ms): long enough
 * for another writer's few statements, whichever of its sleeps it wakes from.
 */
const SQLITE_GAP_MS = 2;
const SQLITE_GAP_SHARE = 0.2;
/** A group commit takes what is queued, up to this many scans and entries (a transaction's size stays bounded). */
const BATCH_SCANS = 32;
const BATCH_ENTRIES = 20_000;
/**
 * A transaction's COMMIT writes every page it touched to the WAL, and the scans of a group share most of theirs (the
 * change records' index leaves, the counts): with fewer than GROUP_SCANS queued, the oldest waits up to GROUP_WAIT_MS
 * for others to share its transaction. VIGIL_GROUP_COMMIT_WAIT_MS sets the wait (0: none).
 */
const GROUP_SCANS = 8;
const GROUP_WAIT_MS = groupWaitMs();

function reply(id: number, outcome: BatchOutcome): CommitReply {
  if ("result" in outcome) return { id, result: outcome.result };
  const err = outcome.error;
  return err instanceof AppError
    ? { id, error: { appCode: err.code, message: err.message } }
    : { id, error: { message: String((err as Error)?.stack ?? err) } };
}

/** The queued requests of the next group commit, oldest first. */
function nextBatch(queue: CommitRequest[]): CommitRequest[] {
  const batch = [queue.shift()!];
  let entries = batch[0].report.entries.length;
  while (queue.length && batch.length < BATCH_SCANS && entries + queue[0].report.entries.length <= BATCH_ENTRIES) {
    entries += queue[0].report.entries.length;
    batch.push(queue.shift()!);
  }
  return batch;
}

async function commitOne({ id, report }: CommitRequest): Promise<CommitReply> {
  // The entries arrived as copies, new objects every time: fingerprinted here directly, not through entryFingerprint's
  // per-object cache (a WeakMap entry per entry, for nothing).
  const fingerprints = report.fingerprints ?? report.entries.map(fingerprintOf);
  const [outcome] = await commitScanBatch(db, [{ ...report, fingerprints }]);
  return reply(id, outcome);
}

if (databaseKind(db) === "postgres") {
  // Commits of different machines run in parallel on the pool (each locks only its machine's row).
  port.on("message", async (req: CommitRequest) => port.postMessage(await commitOne(req)));
} else {
  // A thread of the web process's own checkpoints the WAL (checkpoint-thread.ts), off this thread's commits.
  await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  // A page cache that holds the pages the commits touch again and again (the inventory's, the change records' index
  // leaves): SQLite's default of 2 MB re-read them from the OS on every scan.
  await db.$queryRawUnsafe(`PRAGMA cache_size = ${-1024 * commitCacheMb()}`);
  const queue: CommitRequest[] = [];
  const arrivedAt = new WeakMap<CommitRequest, number>();
  let draining = false;
  const drain = async () => {
    draining = true;
    while (queue.length) {
      const waited = performance.now() - arrivedAt.get(queue[0])!;
      if (queue.length < GROUP_SCANS && waited < GROUP_WAIT_MS) await sleep(GROUP_WAIT_MS - waited);
      const batch = nextBatch(queue);
      const started = performance.now();
      const reports = batch.map((r) => r.report);
      const outcomes = await commitScanBatch(db, reports);
      for (const [i, r] of batch.entries()) port.postMessage(reply(r.id, outcomes[i]));
      if (queue.length) await sleep(Math.max(SQLITE_GAP_MS, (performance.now() - started) * SQLITE_GAP_SHARE));
    }
    draining = false;
  };
  port.on("message", (req: CommitRequest) => {
    arrivedAt.set(req, performance.now());
    queue.push(req);
    if (!draining) void drain();
  });
}

function groupWaitMs(): number {
  const ms = Number(process.env.VIGIL_GROUP_COMMIT_WAIT_MS ?? 40);
  return Number.isFinite(ms) && ms >= 0 && ms <= 1000 ? ms : 40;
}

/** The commit thread's SQLite page cache in MB: VIGIL_SQLITE_CACHE_MB, 64 by default. */
function commitCacheMb(): number {
  const mb = Number(process.env.VIGIL_SQLITE_CACHE_MB ?? 64);
  return Number.isInteger(mb) && mb >= 2 && mb <= 4096 ? mb : 64;
}
