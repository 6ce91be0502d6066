import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { inheritDatabaseKind, type Db } from "./db";
import { AppError, notFound } from "./errors";

type Tx = Prisma.TransactionClient;
type TxFn<T> = (tx: Tx) => Promise<T>;
/**
 * The one test for "the database was busy, try again": SQLite's writer lock held past the busy timeout (P1008, or the
 * driver's own "database is locked"), a transaction that could not start in time (P2028), or a PostgreSQL write
 * conflict or deadlock (P2034). Each leaves nothing written, so the whole transaction can run again.
 */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  if (code === "P1008" || code === "P2028" || code === "P2034") return true;
  return /database is locked|SQLITE_BUSY/i.test(String((err as Error | null)?.message ?? ""));
}
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
      const run = (tx: Tx) => {
        inheritDatabaseKind(tx, db);
        return fn(tx);
      };
      return await db.$transaction(run, { maxWait: 10_000, timeout: opts.timeout ?? 30_000 });
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (attempt >= attempts) {
        throw new AppError("unavailable", "The database was busy recording scan results, so nothing was saved. Try again in a moment.");
      }
      await pause(100 * attempt + Math.random() * 100 * attempt);
    }
  }
}

/** The first statement of a transaction that writes for a workspace: takes the write lock before any read. */
export async function lockWorkspace(tx: Tx, workspaceId: string) {
  await tx.workspace.updateMany({ where: { id: workspaceId }, data: { configVersion: { increment: 0 } } });
}

export type LockedMachine = { id: string; name: string; workspaceId: string };

/**
 * The first statement of a scan's commit (see writeTransaction): a write that takes the machine's row lock, so commits
 * of one machine are serialized, and returns what the commit needs of the machine.
 */
export async function lockMachine(tx: Tx, machineId: string): Promise<LockedMachine> {
  const [machine] = await tx.$queryRaw<LockedMachine[]>`UPDATE "Machine" SET "simSeed" = "simSeed" WHERE "id" = ${machineId}
    RETURNING "id", "name", "workspaceId"`;
  if (!machine) throw notFound("The machine");
  return machine;
}
