// SQLite side of the schema-engine bridge: a migration-aware adapter factory around
// @prisma/adapter-better-sqlite3 that covers the wasm engine's SQLite gaps (1, 2, 3, 7; see README.md),
// plus the `cli` sub-commands for SQLite files.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { note } from "./log.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3");

// The engine's own DDL for its bookkeeping table (same text the wasm engine emits in applyMigrations).
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** `file:./x.db?param=1` → absolute path (relative to cwd: the CLI starts the engine in the config's folder). */
export function sqlitePath(url) {
  const raw = url.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  return path.resolve(process.cwd(), raw);
}

function isMissingMigrationsTable(e) {
  const cause = e?.cause;
  return cause?.kind === "TableDoesNotExist" && String(cause.table ?? "").includes("_prisma_migrations");
}

// better-sqlite3 refuses several statements in one prepare(); it throws a RangeError, not a driver error.
function isMultiStatement(e) {
  return e instanceof RangeError && /more than one statement/.test(e.message);
}

/** Patches a queryable (adapter or transaction) in place; `client` is its better-sqlite3 handle. */
function patchQueryable(q, client) {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  // Gap 1: the wasm engine reads _prisma_migrations without checking it exists (→ P1014 on a fresh
  // file). A read of the missing table means "no migrations yet"; a write creates the table first.
  q.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (e) {
      if (!isMissingMigrationsTable(e)) throw e;
      note(`gap 1: _prisma_migrations missing for ${query.sql.slice(0, 40)}`);
      if (/^\s*SELECT/i.test(query.sql)) return { columnNames: [], columnTypes: [], rows: [] };
      client.exec(MIGRATIONS_TABLE_DDL);
      return queryRaw(query);
    }
  };
  q.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      // Gap 2: shadow-database replay sends whole migration scripts through executeRaw.
      if (isMultiStatement(e) && query.args.length === 0) {
        note("gap 2: multi-statement executeRaw run as a script");
        client.exec(query.sql);
        return 0;
      }
      if (!isMissingMigrationsTable(e)) throw e;
      note("gap 1: creating _prisma_migrations before a write");
      client.exec(MIGRATIONS_TABLE_DDL);
      return executeRaw(query);
    }
  };
  return q;
}

function patchAdapter(adapter) {
  const client = adapter.client;
  patchQueryable(adapter, client);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryable(await startTransaction(...args), client);
  return adapter;
}

async function open(file) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  return patchAdapter(await new PrismaBetterSqlite3({ url: file }).connect());
}

function emptyDatabase(db) {
  const foreignKeys = db.pragma("foreign_keys", { simple: true });
  db.pragma("foreign_keys = OFF");
  const list = db.prepare(
    "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table'",
  );
  // Several passes: a virtual table's shadow tables refuse to go before the table itself.
  for (let pass = 0; pass < 5; pass++) {
    const objects = list.all();
    if (objects.length === 0) break;
    for (const { type, name } of objects) {
      try {
        db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name.replace(/"/g, '""')}"`);
      } catch {
        // retried in the next pass
      }
    }
  }
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) db.exec("DELETE FROM sqlite_sequence");
  db.pragma("user_version = 0");
  db.exec("VACUUM");
  db.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
}

/** Migration-aware factory (the shape bindMigrationAwareSqlAdapterFactory expects). */
export class SqliteBridgeFactory {
  provider = "sqlite";
  adapterName = "@prisma/adapter-better-sqlite3";
  #file;
  #shadowFile;
  #mainClients = new Set();

  constructor(url, shadowUrl) {
    this.#file = url ? sqlitePath(url) : ":memory:";
    this.#shadowFile = shadowUrl ? sqlitePath(shadowUrl) : ":memory:";
  }

  async connect() {
    const adapter = await open(this.#file);
    const client = adapter.client;
    this.#mainClients.add(client);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      this.#mainClients.delete(client);
      return dispose();
    };
    return adapter;
  }

  async connectToShadowDb() {
    // Gap 7: an external shadow database is used as is by the engine; start it empty.
    if (this.#shadowFile !== ":memory:") {
      note(`gap 7: emptying shadow database ${this.#shadowFile}`);
      fs.rmSync(this.#shadowFile, { force: true });
    }
    return open(this.#shadowFile);
  }

  /**
   * Gap 3: the wasm `reset` only deletes rows. The native engine truncates the file, but a file in
   * WAL mode (as the portal uses) is corrupted by that while its -wal file lives on; so drop every
   * object on the engine's own connection instead, then VACUUM: an empty database, same file.
   */
  async reset() {
    if (this.#file === ":memory:") return;
    note(`gap 3: emptying ${this.#file}`);
    const clients = [...this.#mainClients];
    const own = clients.length === 0 && fs.existsSync(this.#file) ? new Database(this.#file) : null;
    for (const db of own ? [own] : clients) emptyDatabase(db);
    own?.close();
  }

  async close() {
    for (const db of this.#mainClients) if (db.open) db.close();
    this.#mainClients.clear();
  }
}

/** `schema-engine cli …` for SQLite. Throws {code, message} on failure, like the native engine's log line. */
export async function sqliteCli(command, url) {
  const file = sqlitePath(url);
  const name = path.basename(file);
  switch (command) {
    case "can-connect-to-database":
      if (file !== ":memory:" && !fs.existsSync(file))
        throw { code: "P1003", message: `Database \`${name}\` does not exist at \`${file}\`.` };
      new Database(file, { fileMustExist: file !== ":memory:" }).close();
      return;
    case "create-database":
      fs.mkdirSync(path.dirname(file), { recursive: true });
      new Database(file).close();
      return name;
    case "drop-database":
      fs.rmSync(file, { force: true });
      return;
    default:
      throw { message: `Unknown cli command ${command}` };
  }
}
