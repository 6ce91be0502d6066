// PostgreSQL side of the schema-engine bridge: a migration-aware adapter factory around
// @prisma/adapter-pg that covers gaps 5, 6 and 7 (see README.md), plus the `cli` sub-commands (can-connect / create / drop database).
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { note } from "./log.mjs";

const require = createRequire(import.meta.url);
const pg = require("pg");
const { parse } = require("pg-connection-string");
const { PrismaPg } = require("@prisma/adapter-pg");

// URL parameters that mean something to Prisma but not to node-postgres.
const PRISMA_PARAMS = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "pgbouncer",
  "statement_cache_size",
  "socket_timeout",
  "connect_timeout",
];

/** Parsed node-postgres config (never a connectionString, so `database` can be overridden safely) + schema. */
export function pgConfig(url) {
  const { schema, ...parsed } = parse(url);
  const config = { ...parsed };
  for (const p of PRISMA_PARAMS) delete config[p];
  if (config.port) config.port = Number(config.port);
  if (!config.database) config.database = "postgres";
  return { config, schema: schema || "public" };
}

const ident = (name) => `"${String(name).replace(/"/g, '""')}"`;
const where = (c) => `${c.host ?? "localhost"}:${c.port ?? 5432}`;

// OIDs that adapter-pg's fieldToColumnType maps (v7.10); every other catalog type (< 16384) throws.
const SUPPORTED_OIDS = new Set([
  16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561,
  1563, 2951, 3807,
]);
const TEXT = 25;
const TEXT_ARRAY = 1009;

/** Gap 5: schema inspection selects catalog types such as `"char"`; read them as text. */
function patchQueryable(q) {
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    result.fields?.forEach((field, i) => {
      if (field.dataTypeID >= 16384 || SUPPORTED_OIDS.has(field.dataTypeID)) return;
      const isArray = result.rows.some((row) => Array.isArray(row[i]));
      note(`gap 5: column ${field.name} of type oid ${field.dataTypeID} read as ${isArray ? "text[]" : "text"}`);
      field.dataTypeID = isArray ? TEXT_ARRAY : TEXT;
      for (const row of result.rows) {
        const v = row[i];
        if (v != null) row[i] = Array.isArray(v) ? v.map((x) => (x == null ? x : String(x))) : String(v);
      }
    });
    return result;
  };
  return q;
}

function patchAdapter(adapter) {
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  // adapter-pg splits scripts on every ";" (breaks on semicolons in strings and bodies); send the
  // script whole, as the native engine does (simple query protocol runs several statements).
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

/** Runs `fn` on a short-lived client; used for admin statements outside the engine's pools. */
async function withClient(config, fn) {
  const client = new pg.Client(config);
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Connects to a maintenance database (native engine order: postgres, then template1). */
async function withAdminClient(config, fn) {
  let lastError;
  for (const database of [config.database, "postgres", "template1"]) {
    try {
      return await withClient({ ...config, database }, fn);
    } catch (e) {
      if (e?.code !== "3D000") throw e;
      lastError = e;
    }
  }
  throw lastError;
}

export class PgBridgeFactory {
  provider = "postgres";
  adapterName = "@prisma/adapter-pg";
  #main;
  #shadow;
  #tempDatabases = new Set();

  constructor(url, shadowUrl) {
    this.#main = url ? pgConfig(url) : null;
    this.#shadow = shadowUrl ? pgConfig(shadowUrl) : null;
  }

  async connect() {
    if (!this.#main) throw new Error("No datasource url: set datasource.url in prisma.config.ts");
    return this.#open(this.#main);
  }

  async #open({ config, schema }) {
    const options = schema === "public" ? undefined : `-c search_path=${ident(schema)}`;
    const adapter = await new PrismaPg({ ...config, options }, { schema }).connect();
    return patchAdapter(adapter);
  }

  async connectToShadowDb() {
    if (this.#shadow) {
      // Gap 7: the engine does not clean an external shadow database; empty its schema first.
      const { config, schema } = this.#shadow;
      note(`gap 7: emptying schema ${schema} of shadow database ${config.database}`);
      await withClient(config, (c) => c.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE; CREATE SCHEMA ${ident(schema)}`));
      return this.#open(this.#shadow);
    }
    if (!this.#main) throw new Error("A shadow database needs datasource.url or datasource.shadowDatabaseUrl");
    // Gap 6: create and drop the temporary database ourselves, from a parsed config (adapter-pg lets
    // a connectionString override the database name and drops the database before closing its pool).
    const { config, schema } = this.#main;
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await withAdminClient(config, (c) => c.query(`CREATE DATABASE ${ident(database)}`));
    note(`gap 6: created shadow database ${database}`);
    this.#tempDatabases.add(database);
    const shadow = { config: { ...config, database }, schema };
    if (schema !== "public") await withClient(shadow.config, (c) => c.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`));
    const adapter = await this.#open(shadow);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.#dropTemp(database);
    };
    return adapter;
  }

  async #dropTemp(database) {
    if (!this.#tempDatabases.delete(database)) return;
    await withAdminClient(this.#main.config, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`));
    note(`gap 6: dropped shadow database ${database}`);
  }

  /** Drops temporary shadow databases the engine did not dispose of (called on exit). */
  async close() {
    for (const database of [...this.#tempDatabases]) await this.#dropTemp(database).catch(() => {});
  }
}

/** Maps a node-postgres connection error to the native engine's error codes. */
function toEngineError(e, config) {
  if (e?.code === "3D000")
    return { code: "P1003", message: `Database \`${config.database}\` does not exist on the database server at \`${where(config)}\`.` };
  if (e?.code === "28P01" || e?.code === "28000")
    return {
      code: "P1000",
      message: `Authentication failed against database server, the provided database credentials for \`${config.user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${where(config)}\`.`,
    };
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT"].includes(e?.code))
    return {
      code: "P1001",
      message: `Can't reach database server at \`${where(config)}\`\n\nPlease make sure your database server is running at \`${where(config)}\`.`,
    };
  return { message: e?.message ?? String(e) };
}

/** `schema-engine cli …` for PostgreSQL. Throws {code?, message} like the native engine's error line. */
export async function pgCli(command, url) {
  const { config } = pgConfig(url);
  try {
    switch (command) {
      case "can-connect-to-database":
        return await withClient(config, (c) => c.query("SELECT 1"));
      case "create-database":
        await withAdminClient({ ...config, database: "postgres" }, (c) => c.query(`CREATE DATABASE ${ident(config.database)}`));
        return config.database;
      case "drop-database":
        return await withAdminClient({ ...config, database: "postgres" }, (c) => c.query(`DROP DATABASE ${ident(config.database)}`));
      default:
        throw { message: `Unknown cli command ${command}` };
    }
  } catch (e) {
    throw e instanceof Error ? toEngineError(e, config) : e;
  }
}

/** Creates a database for the engine's `createDatabase` RPC method. */
export async function pgCreateDatabase(url) {
  return pgCli("create-database", url);
}
