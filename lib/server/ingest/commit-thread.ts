import "server-only";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { databaseUrlOf, sqliteFileOf, type Db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { sql } from "../changes/sql";
import { readOnDriver } from "../tx";
import { commitScan, NOTHING, type CommitResult, type ScanReport } from "./commit-scan";
import { startCheckpointThread, type CheckpointThread } from "./checkpoint-thread";
import type { CommitReply, CommitRequest } from "./commit-thread-protocol";
import { fingerprintOf } from "./inventory";

// Agent scans commit off the web process's event loop. A commit is CPU work (diffing a few hundred items, a few
// thousand B-tree entries, the WAL write at COMMIT), and the event loop was the web process's limit: while it
// committed, no other request was read, authenticated, parsed or answered. A worker thread with its own database
// client commits instead, so that the main thread handles the next requests meanwhile and both cores work.
// Nothing else changes: the same commitScan, exactly-once by scan id inside its transaction. If the thread dies, the
// scans it held fail with 503 (the agent resends them; one that did land is answered as a duplicate) and the next
// scan starts a new thread.

type Pending = { resolve: (r: CommitResult) => void; reject: (e: Error) => void };

class CommitThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly checkpoints?: CheckpointThread;
  private readonly sqlite: boolean;
  dead = false;

  constructor(url: string, sqliteFile: string | null) {
    // Resolved at run time from the sources (the thread runs the TypeScript of lib/, not the web bundle), through an
    // evaluated one-liner so that the bundler does not try to bundle the thread's files.
    const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/server/ingest");
    const boot = pathToFileURL(path.join(dir, "commit-thread-boot.mjs")).href;
    this.worker = new Worker(`import(${JSON.stringify(boot)})`, {
      eval: true,
      // A profiled web process (--cpu-prof) profiles its commit thread too.
      execArgv: [...process.execArgv.filter((a) => a.startsWith("--cpu-prof")), "--conditions=react-server"],
      workerData: { url, entry: pathToFileURL(path.join(dir, "commit-thread-entry.ts")).href },
    });
    this.worker.unref(); // held only while scans are in flight (see commit)
    this.worker.on("message", (m: CommitReply) => this.answer(m));
    this.sqlite = sqliteFile !== null;
    if (sqliteFile) this.checkpoints = startCheckpointThread(sqliteFile, CHECKPOINT_EVERY_MS);
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the scan commit thread exited with code ${code}`)));
  }

  /**
   * Commits the report on the thread, unless `committed` (a read of its scan id, started by the caller) finds it in
   * already: a resent scan whose answer was lost is answered as a duplicate here, not fingerprinted, not copied to
   * the thread, no transaction. The scan is in flight from this call on: should the thread stop meanwhile, it is
   * refused like the scans the thread holds.
   */
  commit(report: ScanReport, committed: Promise<boolean>): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      committed
        .then((isIn) => {
          if (!this.pending.has(id)) return; // refused meanwhile: the thread stopped
          if (isIn) return this.settle(id, (p) => p.resolve({ duplicate: true, ...NOTHING }));
          // On SQLite the entries' fingerprints are this thread's work: the commit thread, the one writer, is
          // ingestion's limit there. On PostgreSQL this thread is (commits run side by side on the other), so they
          // stay there. The entries are this request's own objects: entryFingerprint's per-object cache would only cost.
          const fingerprints = this.sqlite ? (report.fingerprints ?? report.entries.map(fingerprintOf)) : report.fingerprints;
          this.worker.postMessage({ id, report: { ...report, fingerprints } } satisfies CommitRequest);
        })
        .catch((err: Error) => this.settle(id, (p) => p.reject(err)));
    });
  }

  private settle(id: number, how: (p: Pending) => void) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    how(p);
  }

  private answer(m: CommitReply) {
    this.settle(m.id, (p) => {
      if ("result" in m) p.resolve(m.result);
      else if (m.error.appCode) p.reject(new AppError(m.error.appCode, m.error.message));
      else p.reject(new Error(m.error.message));
    });
  }

  private fail(err: Error) {
    if (this.dead) return;
    this.dead = true;
    void this.checkpoints?.stop();
    log.error("scan commit thread failed", { err: String(err), inFlight: this.pending.size });
    // The commit may have landed before the thread stopped: a resend is then answered as a duplicate, so either way
    // sending it again is right.
    const refusal = new AppError(
      "unavailable",
      "The scan's commit was interrupted (the server's commit thread stopped). Send it again: a scan already committed is answered as a duplicate.",
    );
    for (const p of this.pending.values()) p.reject(refusal);
    this.pending.clear();
  }

  /** Ends the thread: its scans in flight are refused at once, as when it dies. */
  stop(): Promise<number> {
    this.fail(new Error("the scan commit thread was stopped"));
    return this.worker.terminate();
  }
}

/** How often the WAL of a SQLite database is checkpointed while its commit thread runs (./checkpoint-thread.ts). */
const CHECKPOINT_EVERY_MS = 1_000;

// One thread per database, kept on globalThis: a production build may hold this module once per route bundle.
const globalForThreads = globalThis as unknown as { vigilCommitThreads?: Map<string, CommitThread> };
const threads = (globalForThreads.vigilCommitThreads ??= new Map<string, CommitThread>());

/** Whether agent scans commit on the thread: VIGIL_COMMIT_THREAD=1 or 0; by default in production. */
export function commitThreadEnabled(): boolean {
  const set = process.env.VIGIL_COMMIT_THREAD;
  return set ? set === "1" : process.env.NODE_ENV === "production";
}

/** commitScan on the database's commit thread (started on first use), or in this thread for a client it cannot reopen. */
export function commitScanOnThread(db: Db, report: ScanReport): Promise<CommitResult> {
  const url = databaseUrlOf(db);
  if (!url) return commitScan(db, report);
  let thread = threads.get(url);
  if (!thread || thread.dead) threads.set(url, (thread = new CommitThread(url, sqliteFileOf(db))));
  // Read on this thread's connection, outside any transaction that could write the scan (only the commit thread
  // does, on its own): what it finds is committed. A resend racing its first delivery goes on to the thread, whose
  // transaction decides.
  const committed = readOnDriver(db, sql`SELECT 1 AS "x" FROM "Scan" WHERE "id" = ${report.scanId}`).then((rows) => rows.length > 0);
  return thread.commit(report, committed);
}

/** Stops the commit threads (tests). */
export async function stopCommitThreads(): Promise<void> {
  await Promise.all([...threads.values()].map((t) => t.stop()));
  threads.clear();
}
