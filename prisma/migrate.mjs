#!/usr/bin/env node
// Migrations for both databases from the one schema (prisma/schema.prisma).
//   node prisma/migrate.mjs deploy             apply pending migrations to DATABASE_URL (default ./data/vigil.db)
//   node prisma/migrate.mjs new --name <what>  after a schema change: derive the PostgreSQL schema, then write the
//                                              migration for SQLite (prisma/migrations) and PostgreSQL
//                                              (prisma/postgres/migrations), both under the same folder name
//   node prisma/migrate.mjs check              exit 1 when either history differs from the schema (drift)
// PostgreSQL work happens in throwaway databases on TEST_PG_URL's server
// (default postgres://postgres@127.0.0.1:5432/test), created and dropped here.
import { checkDrift, createMigration, migrationTimestamp, runPrisma, writePostgresSchema } from "./tools.mjs";

function option(args, name) {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function deploy() {
  const { code } = await runPrisma(["migrate", "deploy"], { inherit: true });
  return code;
}

async function newMigration(args) {
  const name = option(args, "--name");
  if (!name || !/^[A-Za-z0-9_]+$/.test(name)) {
    console.error("usage: node prisma/migrate.mjs new --name <letters_digits_underscores>");
    return 2;
  }
  if (writePostgresSchema()) console.log("prisma/postgres/schema.prisma updated from prisma/schema.prisma");
  const folder = `${migrationTimestamp()}_${name}`;
  let written = 0;
  for (const kind of ["sqlite", "postgres"]) {
    const dir = await createMigration(kind, folder);
    console.log(dir ? `${kind}: wrote ${dir}/migration.sql` : `${kind}: already in sync with the schema, nothing written`);
    if (dir) written++;
  }
  // Replays each history, new migration included, and compares with the schema once more.
  if (written) return check();
  return 0;
}

async function check() {
  let drifted = false;
  for (const kind of ["sqlite", "postgres"]) {
    const result = await checkDrift(kind);
    console.log(`${kind}: ${result.drifted ? "DRIFT" : "migrations match the schema"}`);
    if (result.drifted) {
      console.log(result.details);
      drifted = true;
    }
  }
  if (drifted) console.log("\nRun: npm run db:new-migration -- --name <what_changed>");
  return drifted ? 1 : 0;
}

const [command, ...rest] = process.argv.slice(2);
const commands = { deploy, new: newMigration, check };
if (!commands[command]) {
  console.error("usage: node prisma/migrate.mjs deploy | new --name <what_changed> | check");
  process.exit(2);
}
try {
  process.exitCode = await commands[command](rest);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
