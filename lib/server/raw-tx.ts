import "server-only";
import crypto from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { join, raw, sql } from "./changes/sql";
import type { DbProvider } from "./db";

// Statements on the database driver itself, inside one transaction: the scan commit's hot path. Going through
// Prisma's raw queries cost more CPU than the statements themselves (every value and row passes through the query
// engine's mapping, and SQLite prepared every statement anew); here SQLite keeps its prepared statements, values are
// mapped once, and rows come back as the driver reads them. Everything else stays on Prisma.

export type SqlValue = string | number | bigint | boolean | Date | Uint8Array | null;
/** A row as the driver reads it: integers may be bigint (SQLite) or text (PostgreSQL int8); dates Date or ISO text. */
export type RawRow = Record<string, unknown>;

export interface RawTx {
  readonly dialect: DbProvider;
  /** Whether executeText takes an array as one value (PostgreSQL's driver). */
  readonly takesArrays: boolean;
  /** The rows of a query (a SELECT, or a write with RETURNING). */
  query<T extends RawRow = RawRow>(q: Prisma.Sql): Promise<T[]>;
  /** Runs a write; the number of rows it changed. */
  execute(q: Prisma.Sql): Promise<number>;
  /**
   * A write given as text with `?` (SQLite) or `$n` (PostgreSQL) placeholders and its values (on PostgreSQL a value may
   * be an array of values). `prepare`: a statement run again and again, kept prepared on PostgreSQL's connection
   * (SQLite keeps every statement it runs prepared).
   */
  executeText(text: string, values: readonly (SqlValue | readonly SqlValue[])[], opts?: { prepare?: boolean }): Promise<number>;
  /**
   * Runs writes that are independent of one another (none reads what another writes, no row is written by two; nulls
   * are skipped): on PostgreSQL as one statement, whose round trip is a commit's largest cost after its rows; on
   * SQLite, in the process, one after another.
   */
  executeAll(statements: readonly (Prisma.Sql | null)[]): Promise<void>;
}

async function executeEach(tx: Pick<RawTx, "execute">, statements: readonly (Prisma.Sql | null)[]) {
  for (const s of statements) if (s) await tx.execute(s);
}

/**
 * Independent writes as one PostgreSQL statement: each a data-modifying WITH query, all run on the statement's snapshot
 * and to completion whether or not the outer query reads them (PostgreSQL's documented behaviour).
 */
function pgMergedWrites(statements: readonly Prisma.Sql[]): Prisma.Sql {
  const parts = statements.map((s, i) => sql`${raw(`"w${i}"`)} AS (${s})`);
  return sql`WITH ${join(parts, ", ")} SELECT 1`;
}

// ───────────── SQLite (better-sqlite3, the connection Prisma's adapter holds) ─────────────

const STATEMENTS_KEPT = 256;
const statementCaches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function sqliteValue(v: unknown): unknown {
  if (typeof v === "string" || typeof v === "number") return v; // most values, first
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00"); // as Prisma stores DateTime on SQLite
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return v ?? null;
}

export function sqliteRawTx(db: BetterSqlite3.Database): RawTx {
  let cache = statementCaches.get(db);
  if (!cache) statementCaches.set(db, (cache = new Map()));
  const statements = cache;
  const prepare = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      // Statements of one shape repeat (the same columns, the same number of rows); the rare others age out whole.
      if (statements.size >= STATEMENTS_KEPT) statements.clear();
      s = db.prepare(text);
      statements.set(text, s);
    }
    return s;
  };
  const run = (text: string, values: readonly unknown[]) => prepare(text).run(values.map(sqliteValue)).changes;
  return {
    dialect: "sqlite",
    takesArrays: false,
    query: async <T extends RawRow>(q: Prisma.Sql) => prepare(q.sql).all(q.values.map(sqliteValue)) as T[],
    execute: async (q) => run(q.sql, q.values),
    executeText: async (text, values) => run(text, values),
    executeAll(statements) {
      return executeEach(this, statements);
    },
  };
}

// ───────────── PostgreSQL (pg, a connection of the pool Prisma's adapter shares) ─────────────

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** TIMESTAMP(3) columns hold UTC without a zone: a Date is sent as its UTC wall time (as Prisma's adapter does). */
function utcText(d: Date): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

function pgValue(v: unknown): unknown {
  if (v instanceof Date) return utcText(v);
  if (Array.isArray(v)) return v.map(pgValue);
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === "bigint") return v.toString();
  return v ?? null;
}

const TIMESTAMP_OID = 1114;
const utcDate = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
/** Rows read as Prisma reads them: TIMESTAMP(3) is UTC, whatever the process's time zone. */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? utcDate : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** One query on a connection of the pool, outside any transaction. */
export async function pgRawQuery<T extends RawRow>(pool: pg.Pool, q: Prisma.Sql): Promise<T[]> {
  return (await pool.query<T>({ text: q.text, values: q.values.map(pgValue), types: PG_TYPES })).rows;
}

/** A prepared statement's name on the connection: derived from its text, so that one text has one name. */
const statementName = (text: string) => `vigil_${crypto.hash("sha1", text, "hex").slice(0, 20)}`;

export function pgRawTx(client: pg.PoolClient): RawTx {
  const run = async (text: string, values: readonly unknown[], opts?: { prepare?: boolean }) =>
    (await client.query({ name: opts?.prepare ? statementName(text) : undefined, text, values: values.map(pgValue), types: PG_TYPES }))
      .rowCount ?? 0;
  return {
    dialect: "postgres",
    takesArrays: true,
    query: async <T extends RawRow>(q: Prisma.Sql) =>
      (await client.query<T>({ text: q.text, values: q.values.map(pgValue), types: PG_TYPES })).rows,
    execute: (q) => run(q.text, q.values),
    executeText: run,
    async executeAll(statements) {
      const writes = statements.filter((s): s is Prisma.Sql => s !== null);
      if (writes.length > 1) await this.execute(pgMergedWrites(writes));
      else if (writes.length) await this.execute(writes[0]);
    },
  };
}

// ───────────── Fallback: Prisma's own transaction client ─────────────

/** The same statements through a Prisma transaction (a client opened without a driver this module can reach). */
export function prismaRawTx(tx: Prisma.TransactionClient, dialect: DbProvider): RawTx {
  return {
    dialect,
    takesArrays: false,
    query: <T extends RawRow>(q: Prisma.Sql) => tx.$queryRaw<T[]>(q),
    execute: (q) => tx.$executeRaw(q),
    executeText: (text, values) => tx.$executeRawUnsafe(text, ...values),
    executeAll(statements) {
      return executeEach(this, statements);
    },
  };
}

// ───────────── Reading driver values ─────────────

/** An integer column as a number (bigint from SQLite, text from PostgreSQL's int8). */
export const intOf = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0));
export const intOrNull = (v: unknown): number | null => (v == null ? null : intOf(v));
export const boolOf = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === "1" || v === "true";
/** A DateTime column: a Date from PostgreSQL, ISO text from SQLite. */
export const dateOrNull = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
