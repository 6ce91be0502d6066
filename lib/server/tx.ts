import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "./db";
import { AppError } from "./errors";

type Tx = Prisma.TransactionClient;
type TxFn<T> = (tx: Tx) => Promise<T>;
const isBusy = (err: unknown) => (err as { code?: string } | null)?.code === "P1008";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A write in one transaction. The transaction must write first (e.g. bumpConfigVersion, lockMachine): on SQLite, a
 * transaction that reads and then writes while the scanner (another process) commits in between cannot upgrade its
 * snapshot and fails at once with SQLITE_BUSY, whereas a first write waits for the lock; on PostgreSQL the row lock on
 * the workspace serializes configuration writes, so the duplicate and limit checks that follow see every committed
 * edit. A write that still meets the lock (SQLITE_BUSY, reported by Prisma as P1008) is retried from the start, the
 * failed attempt having been rolled back whole; if the database stays busy, the refusal says nothing was saved.
 */
export async function writeTransaction<T>(db: Db, fn: TxFn<T>, opts: { attempts?: number; timeout?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { maxWait: 10_000, timeout: opts.timeout ?? 30_000 });
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (attempt >= attempts) {
        throw new AppError("unavailable", "The database was busy recording scan results, so nothing was saved. Try again in a moment.");
      }
      await pause(100 * attempt + Math.random() * 100);
    }
  }
}

/** The first statement of a transaction that writes for a workspace: takes the write lock before any read. */
export async function lockWorkspace(tx: Tx, workspaceId: string) {
  await tx.workspace.updateMany({ where: { id: workspaceId }, data: { configVersion: { increment: 0 } } });
}

/** The first statement of a scan's commit: the machine's row lock serializes commits of one machine only. */
export async function lockMachine(tx: Tx, machineId: string) {
  await tx.machine.updateMany({ where: { id: machineId }, data: { simSeed: { increment: 0 } } });
}
