// The scan-commit thread itself (see commit-thread.ts): its own database client, and commitScan for every report the
// web process's main thread sends.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
import { databaseKind, openDb } from "../db";
import { AppError } from "../errors";
import { commitScan } from "./commit-scan";
import type { CommitRequest, CommitReply } from "./commit-thread-protocol";

const port = parentPort!;
const db = await openDb((workerData as { url: string }).url);

/**
 * SQLite has one writer, and no queue for it: a connection that finds the write lock taken sleeps and tries again
 * (1, 2, 5, 10 … 100 ms). A thread committing scans back to back would leave it only microseconds between two
 * transactions, so the worker's alert deliveries and the portal's own writes would wait seconds. Under a backlog the
 * thread leaves the lock free this long after each commit (about a fifth of a commit's time).
 */
const SQLITE_GAP_MS = 2;

async function commitOne({ id, report }: CommitRequest): Promise<CommitReply> {
  try {
    return { id, result: await commitScan(db, report) };
  } catch (err) {
    return err instanceof AppError
      ? { id, error: { appCode: err.code, message: err.message } }
      : { id, error: { message: String((err as Error)?.stack ?? err) } };
  }
}

if (databaseKind(db) === "postgres") {
  // Commits of different machines run in parallel on the pool (each locks only its machine's row).
  port.on("message", async (req: CommitRequest) => port.postMessage(await commitOne(req)));
} else {
  // The web process's main thread checkpoints the WAL (commit-thread.ts), off this thread's commits.
  await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  const queue: CommitRequest[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (queue.length) {
      port.postMessage(await commitOne(queue.shift()!));
      if (queue.length) await sleep(SQLITE_GAP_MS);
    }
    draining = false;
  };
  port.on("message", (req: CommitRequest) => {
    queue.push(req);
    if (!draining) void drain();
  });
}
