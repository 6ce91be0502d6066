// Shared helpers of prisma/migrate.mjs, prisma/generate.mjs and the drift test: run the Prisma CLI of this
// checkout (through prisma.config.ts, so through the engine bridge unless a native engine is configured),
// make throwaway PostgreSQL databases, compare each migration history with the schema.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { postgresSchemaIsCurrent, writePostgresSchema } from "./derive-postgres.mjs";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA_BIN = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");

export const TEST_PG_URL = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

/** The two databases: schema file and migration folder of each (the same choice prisma.config.ts makes). */
export const TARGETS = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations", provider: "sqlite" },
  postgres: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations", provider: "postgresql" },
};

/**
 * Runs `prisma …args` from the repository root (or `cwd`). Resolves to {code, stdout, stderr}; with `inherit`, output
 * goes to this process's terminal instead of being captured.
 */
export function runPrisma(args, { env = {}, inherit = false, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_BIN, ...args], {
      cwd,
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", ...env },
      stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** The same server and credentials as `url`, another database. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(baseUrl, sql) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Can we log in to the PostgreSQL server of `url` (within a few seconds)? */
export async function pgReachable(url = TEST_PG_URL) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty PostgreSQL database next to `baseUrl`'s, runs fn(url), drops the database. */
export async function withTempPgDatabase(baseUrl, purpose, fn) {
  const name = `vigil_bridge_${purpose}_${crypto.randomBytes(5).toString("hex")}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  try {
    return await fn(withDatabase(baseUrl, name));
  } finally {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** A throwaway SQLite file url for commands that need a datasource but must not touch ./data. */
function withTempSqliteUrl(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-prisma-"));
  return Promise.resolve(fn(`file:${path.join(dir, "scratch.db")}`)).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

/**
 * `prisma migrate diff` from the checked-in migrations of `kind` to its schema. The migrations are replayed
 * on a shadow database: SQLite in memory, PostgreSQL a throwaway database created here and dropped after.
 * Resolves to {changed, output} (output: the SQL script with `script`, else a summary).
 */
export async function diffMigrationsToSchema(kind, { pgUrl = TEST_PG_URL, script = false } = {}) {
  const target = TARGETS[kind];
  const args = ["migrate", "diff", "--from-migrations", target.migrations, "--to-schema", target.schema, "--exit-code"];
  if (script) args.push("--script");
  const run = (env) => runPrisma(args, { env });
  const result =
    kind === "postgres"
      ? await withTempPgDatabase(pgUrl, "shadow", (shadow) => run({ DATABASE_URL: pgUrl, SHADOW_DATABASE_URL: shadow }))
      : await withTempSqliteUrl((url) => run({ DATABASE_URL: url, SHADOW_DATABASE_URL: "" }));
  if (result.code !== 0 && result.code !== 2) {
    throw new Error(`prisma ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { changed: result.code === 2, output: result.stdout.trim() };
}

/**
 * Does the checked-in history of `kind` produce exactly its schema? For PostgreSQL it also checks that
 * prisma/postgres/schema.prisma is the current derivation of prisma/schema.prisma.
 * Resolves to {kind, drifted, details}.
 */
export async function checkDrift(kind, opts = {}) {
  if (kind === "postgres" && !postgresSchemaIsCurrent()) {
    return { kind, drifted: true, details: "prisma/postgres/schema.prisma is stale: run node prisma/derive-postgres.mjs" };
  }
  if (!fs.existsSync(path.join(ROOT, TARGETS[kind].migrations))) {
    return { kind, drifted: true, details: `${TARGETS[kind].migrations} does not exist` };
  }
  const { changed, output } = await diffMigrationsToSchema(kind, opts);
  return { kind, drifted: changed, details: changed ? output : "" };
}

/** `20261124183000`, the UTC timestamp Prisma puts in front of migration names. */
export function migrationTimestamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/**
 * Writes `<migrations>/<folder>/migration.sql` for `kind` when its schema differs from its history.
 * Resolves to the folder written, or null when there was nothing to migrate.
 */
export async function createMigration(kind, folder, opts = {}) {
  const target = TARGETS[kind];
  const dir = path.join(ROOT, target.migrations);
  // Even the first migration is diffed from a (then empty) history replayed on a shadow database, not
  // from nothing, so it does not start with `CREATE SCHEMA "public"`: the same script `migrate dev` writes.
  // The engine learns the connector of a history from its lock file.
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(
      lock,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${target.provider}"\n`,
    );
  }
  const { changed, output } = await diffMigrationsToSchema(kind, { ...opts, script: true });
  if (!changed) return null;
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  fs.writeFileSync(path.join(dir, folder, "migration.sql"), output + "\n");
  return path.join(target.migrations, folder);
}

export { writePostgresSchema };
