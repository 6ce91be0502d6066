import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { databaseKind, driversOf, inheritDatabaseKind, type Db } from "./db";
import { AppError, notFound } from "./errors";
import { sql } from "./changes/sql";
import { pgRawQuery, pgRawTx, prismaRawTx, sqliteRawTx, type RawTx } from "./raw-tx";

type Tx = Prisma.TransactionClient;
type TxFn<T> = (tx: Tx) => Promise<T>;
/**
 * The one test for "the database was busy, try again": SQLite's writer lock held past the busy timeout (P1008, or the
 * driver's own "database is locked"), a transaction that could not start in time (P2028), or a PostgreSQL write
 * conflict or deadlock (P2034; 40001 and 40P01 from the driver itself). Each leaves nothing written, so the whole
 * transaction can run again.
 */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  if (code === "P1008" || code === "P2028" || code === "P2034" || code === "40001" || code === "40P01") return true;
  return /database is locked|SQLITE_BUSY/i.test(String((err as Error | null)?.message ?? ""));
}
/**
 * A unique or primary key violation, as Prisma reports it (P2002; P2010 for a failed raw query) or as the drivers do
 * (better-sqlite3's SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE, PostgreSQL's 23505).
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return (
    code === "P2002" ||
    code === "P2010" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "23505"
  );
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
  return retryWhenBusy(opts.attempts ?? 3, () => {
    const run = (tx: Tx) => {
      inheritDatabaseKind(tx, db);
      return fn(tx);
    };
    return db.$transaction(run, { maxWait: 10_000, timeout: opts.timeout ?? 30_000 });
  });
}

/**
 * writeTransaction with the statements on the driver (lib/server/raw-tx.ts): on SQLite inside Prisma's transaction
 * (which holds the one connection), on PostgreSQL in a transaction on a connection of the shared pool.
 */
export async function writeRawTransaction<T>(
  db: Db,
  fn: (tx: RawTx) => Promise<T>,
  opts: { attempts?: number; timeout?: number } = {},
): Promise<T> {
  const { pgPool } = driversOf(db);
  const kind = databaseKind(db);
  return retryWhenBusy(opts.attempts ?? 3, async () => {
    if (kind === "postgres" && pgPool && !pgPool.ending) {
      const client = await pgPool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await fn(pgRawTx(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    }
    return db.$transaction(
      async (tx) => {
        // The adapter's connection, held by this transaction (Prisma serializes transactions on it).
        const driver = kind === "sqlite" ? driversOf(db).sqlite : undefined;
        return fn(driver?.open ? sqliteRawTx(driver) : prismaRawTx(tx, kind));
      },
      { maxWait: 10_000, timeout: opts.timeout ?? 30_000 },
    );
  });
}

/**
 * A read on the driver, outside any transaction: for a request's hot statement (the agent's authentication), which
 * through Prisma cost more CPU than the read itself. On SQLite it shares the one connection, so it may run between the
 * statements of an open write transaction and see its writes: only reads of rows such transactions do not write.
 */
export async function readOnDriver<T extends Record<string, unknown>>(db: Db, q: Prisma.Sql): Promise<T[]> {
  const { sqlite, pgPool } = driversOf(db);
  if (sqlite?.open) return sqliteRawTx(sqlite).query<T>(q);
  if (pgPool && !pgPool.ending) return pgRawQuery<T>(pgPool, q);
  return db.$queryRaw<T[]>(q);
}

/**
 * A write that is worth nothing if it must wait: on SQLite it runs on the driver only when the write lock is free at
 * once (busy timeout 0 for the statement) and is skipped otherwise, false. better-sqlite3 waits for the lock
 * synchronously, so a write that queued behind the commit thread's transactions held the whole event loop (up to the
 * busy timeout; 5 % of the web process's time under ingestion). Outside SQLite it is an ordinary write. Never inside
 * an open transaction on the shared connection, whose statement it would become.
 */
export async function writeUnlessBusy(db: Db, q: Prisma.Sql): Promise<boolean> {
  const { sqlite } = driversOf(db);
  if (databaseKind(db) !== "sqlite" || !sqlite) {
    await db.$executeRaw(q);
    return true;
  }
  if (!sqlite.open || sqlite.inTransaction) return false;
  const waitMs = sqlite.pragma("busy_timeout", { simple: true }) as number;
  // The statement runs synchronously inside execute(), and the busy timeout is back before anything else can run on
  // the connection (an await here would let another statement run without it).
  let written: Promise<number>;
  sqlite.pragma("busy_timeout = 0");
  try {
    written = sqliteRawTx(sqlite).execute(q);
  } finally {
    sqlite.pragma(`busy_timeout = ${Number(waitMs)}`);
  }
  try {
    await written;
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
}

async function retryWhenBusy<T>(attempts: number, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
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
export async function lockMachine(tx: RawTx, machineId: string): Promise<LockedMachine> {
  const [machine] = await tx.query<LockedMachine>(sql`UPDATE "Machine" SET "simSeed" = "simSeed" WHERE "id" = ${machineId}
    RETURNING "id", "name", "workspaceId"`);
  if (!machine) throw notFound("The machine");
  return machine;
}
