import "server-only";
import { Worker } from "node:worker_threads";
import { log } from "../log";
import { sqliteDriverPath } from "../sqlite-driver";

// The WAL checkpoints of a SQLite database under ingestion, on a thread of their own. The commit thread's connection
// does not checkpoint (wal_autocheckpoint = 0, commit-thread-entry.ts): a checkpoint copies a thousand pages into the
// database file and syncs it, and that was half of that thread's time at COMMIT. The web process's event loop did it
// instead, once a second, and then its requests waited on the copy and the sync (a sixteenth of its time in the load
// test). A PASSIVE checkpoint neither waits for nor blocks readers or the writer, so any connection may run it: this
// thread's own, opened on the file by the driver itself.

/** Runs in the thread (CommonJS): a checkpoint this often, a failure reported. */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
let reported = 0;
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    if (Date.now() - reported > 60000) parentPort.postMessage(String(err)), (reported = Date.now());
  }
}, workerData.everyMs);
`;

export type CheckpointThread = { stop(): Promise<number> };

export function startCheckpointThread(file: string, everyMs: number): CheckpointThread {
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, everyMs, driver: sqliteDriverPath() } });
  worker.unref(); // the checkpoints never keep the process alive
  worker.on("message", (err: string) => log.warn("WAL checkpoint failed", { err }));
  worker.on("error", (err) => log.warn("the WAL checkpoint thread failed", { err: String(err) }));
  return { stop: () => worker.terminate() };
}
