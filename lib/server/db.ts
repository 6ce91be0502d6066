import "server-only";
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/sqlite/client";

export type Db = PrismaClient;
export type DbProvider = "sqlite" | "postgres";

/** The configured database: DATABASE_URL, or the embedded SQLite file under ./data. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || "file:./data/vigil.db";
}

export function dbProvider(url = databaseUrl()): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

function sqlitePath(url: string): string {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

async function createClient(url: string): Promise<Db> {
  if (dbProvider(url) === "postgres") {
    const [{ PrismaPg }, pgClient] = await Promise.all([import("@prisma/adapter-pg"), import("@/lib/generated/postgres/client")]);
    // No parallel query workers: the portal's queries are short index reads, and starting workers costs more than
    // they save (the 30-day summary takes half again as long with them on a 2-core server). VIGIL_PG_OPTIONS
    // replaces these per-session settings.
    const options = process.env.VIGIL_PG_OPTIONS ?? "-c max_parallel_workers_per_gather=0";
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10), options });
    // Both clients come from one schema, so their APIs are the same; the SQLite one is the canonical type.
    return new pgClient.PrismaClient({ adapter }) as unknown as Db;
  }
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // timeout is better-sqlite3's busy timeout: writers wait instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 });
  const client = new PrismaClient({ adapter });
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
