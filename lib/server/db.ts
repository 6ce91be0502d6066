import "server-only";
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { PrismaClient } from "@/lib/generated/sqlite/client";

export type Db = PrismaClient;
export type DbProvider = "sqlite" | "postgres";

/** The configured database: DATABASE_URL, or the embedded SQLite file under ./data. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || "file:./data/vigil.db";
}

function kindOfUrl(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

// On globalThis like the client itself: a production build may hold this module twice (one copy per route bundle),
// and the client one copy opened must be known to the others.
const globalForKinds = globalThis as unknown as { vigilDbKinds?: WeakMap<object, DbProvider> };
const kinds = (globalForKinds.vigilDbKinds ??= new WeakMap<object, DbProvider>());

/**
 * The one answer to "which database is this?": recorded when a client is opened (getDb, openDb) and when a
 * transaction starts (writeTransaction), so raw SQL can pick its dialect without asking the database.
 */
export function databaseKind(client: object): DbProvider {
  const kind = kinds.get(client);
  if (!kind) throw new Error("databaseKind: not a client opened by getDb/openDb, nor a transaction of writeTransaction");
  return kind;
}

const globalForFiles = globalThis as unknown as { vigilDbFiles?: WeakMap<object, string> };
const sqliteFiles = (globalForFiles.vigilDbFiles ??= new WeakMap<object, string>());

/** The file of a SQLite client, for readers that open their own read-only connection (Logs queries); null on PostgreSQL. */
export function sqliteFileOf(client: object): string | null {
  return sqliteFiles.get(client) ?? null;
}

const globalForUrls = globalThis as unknown as { vigilDbUrls?: WeakMap<object, string> };
const urls = (globalForUrls.vigilDbUrls ??= new WeakMap<object, string>());

/** The URL a client was opened with, for a thread that opens its own client of the same database (commit-thread.ts). */
export function databaseUrlOf(client: object): string | null {
  return urls.get(client) ?? null;
}

/** A transaction client talks to the database of the client that started it. */
export function inheritDatabaseKind(tx: object, client: object): void {
  const kind = kinds.get(client);
  if (kind) kinds.set(tx, kind);
}

/** The driver under a client, for the scan commit's statements (lib/server/raw-tx.ts): set when it connects. */
export type Drivers = { sqlite?: BetterSqlite3.Database; pgPool?: pg.Pool };
const globalForDrivers = globalThis as unknown as { vigilDbDrivers?: WeakMap<object, Drivers> };
const drivers = (globalForDrivers.vigilDbDrivers ??= new WeakMap<object, Drivers>());

export function driversOf(client: object): Drivers {
  return drivers.get(client) ?? {};
}

function sqlitePath(url: string): string {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

async function createClient(url: string): Promise<Db> {
  if (kindOfUrl(url) === "postgres") {
    const [{ PrismaPg }, pgClient, { default: pgDriver }] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("@/lib/generated/postgres/client"),
      import("pg"),
    ]);
    // No parallel query workers: the portal's queries are short index reads, and starting workers costs more than
    // they save (the 30-day summary takes half again as long with them on a 2-core server). VIGIL_PG_OPTIONS
    // replaces these per-session settings.
    const options = process.env.VIGIL_PG_OPTIONS ?? "-c max_parallel_workers_per_gather=0";
    // The pool is ours, shared with Prisma's adapter (which ends it on $disconnect): the scan commit takes its
    // connections directly.
    const pgPool = new pgDriver.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10), options });
    const adapter = new PrismaPg(pgPool, { disposeExternalPool: true });
    // Both clients come from one schema, so their APIs are the same; the SQLite one is the canonical type.
    const pgDb = new pgClient.PrismaClient({ adapter }) as unknown as Db;
    kinds.set(pgDb, "postgres");
    urls.set(pgDb, url);
    drivers.set(pgDb, { pgPool });
    return pgDb;
  }
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // timeout is better-sqlite3's busy timeout: writers wait instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 });
  const held: Drivers = {};
  // The adapter opens its better-sqlite3 connection when Prisma connects (again after a $disconnect): the scan
  // commit runs its statements on that one connection, inside Prisma's transaction (see raw-tx.ts).
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    const driver = (connected as unknown as { client?: unknown }).client;
    held.sqlite =
      typeof (driver as BetterSqlite3.Database | undefined)?.prepare === "function" ? (driver as BetterSqlite3.Database) : undefined;
    return connected;
  };
  const client = new PrismaClient({ adapter });
  kinds.set(client, "sqlite");
  urls.set(client, url);
  drivers.set(client, held);
  sqliteFiles.set(client, file);
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return client;
}

const globalForDb = globalThis as unknown as { vigilDb?: Promise<Db> };

/** One client per process (Next dev reloads modules, so it is kept on globalThis). */
export function getDb(): Promise<Db> {
  globalForDb.vigilDb ??= createClient(databaseUrl());
  return globalForDb.vigilDb;
}

/** A separate client for a given URL (tests, seed of another database). */
export function openDb(url: string): Promise<Db> {
  return createClient(url);
}
