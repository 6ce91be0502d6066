// The schema-engine bridge under the real Prisma CLI, on a temp SQLite file and a temp PostgreSQL database:
// a small project in a temp folder (its own schema and prisma.config.ts) goes through migrate dev, deploy
// (twice), status, diff (three ways), reset --force, db execute, and the bridge leaves no shadow database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgReachable, ROOT, runPrisma, TEST_PG_URL, withTempPgDatabase, type PrismaRun } from "../tools.mjs";

const BRIDGE = path.join(ROOT, "prisma/engine-bridge/schema-engine.mjs");
const TIMEOUT = 180_000;
const requirePg = Boolean(process.env.CI || process.env.TEST_DB === "postgres" || process.env.VIGIL_REQUIRE_PG);
const pgUp = await pgReachable(TEST_PG_URL);

// Covers what the gaps were hit with: enums, a relation, indexes, defaults, a semicolon in a string default.
const MODELS = `
enum Kind {
  FILE
  REGISTRY
}

model Owner {
  id     Int     @id @default(autoincrement())
  email  String  @unique
  items  Item[]
}

model Item {
  id       String   @id @default(cuid())
  kind     Kind     @default(FILE)
  note     String   @default("a;b")
  size     BigInt?
  at       DateTime @default(now())
  ownerId  Int
  owner    Owner    @relation(fields: [ownerId], references: [id], onDelete: Cascade)

  @@index([ownerId, at])
}
`;

const CONFIG = `import { defineConfig } from "prisma/config";
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL! },
});
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bridge-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A throwaway project folder for one provider; returns a runner for `prisma …` in it. */
function project(name: string, provider: "sqlite" | "postgresql", url: string) {
  const cwd = path.join(dir, name);
  fs.mkdirSync(cwd);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(cwd, "node_modules"), "dir");
  fs.writeFileSync(path.join(cwd, "prisma.config.ts"), CONFIG);
  fs.writeFileSync(path.join(cwd, "schema.prisma"), `datasource db {\n  provider = "${provider}"\n}\n${MODELS}`);
  const env = { DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: BRIDGE, PRISMA_MIGRATION_ENGINE_BINARY: undefined };
  return async (...args: string[]): Promise<PrismaRun> => {
    const result = await runPrisma(args, { cwd, env });
    const label = `prisma ${args.join(" ")} → ${result.code}\n${result.stdout}\n${result.stderr}`;
    return Object.assign(result, { toString: () => label });
  };
}

async function lifecycle(prisma: ReturnType<typeof project>, tables: () => Promise<string[]>) {
  const ok = (r: PrismaRun) => expect(r.code, String(r)).toBe(0);

  ok(await prisma("migrate", "dev", "--name", "init"));
  ok(await prisma("migrate", "deploy"));
  const again = await prisma("migrate", "deploy");
  ok(again);
  expect(again.stdout).toContain("No pending migrations to apply");

  const status = await prisma("migrate", "status");
  ok(status);
  expect(status.stdout).toContain("Database schema is up to date");

  ok(await prisma("migrate", "diff", "--from-migrations", "migrations", "--to-schema", "schema.prisma", "--exit-code"));
  ok(await prisma("migrate", "diff", "--from-config-datasource", "--to-schema", "schema.prisma", "--exit-code"));
  const script = await prisma("migrate", "diff", "--from-empty", "--to-schema", "schema.prisma", "--script");
  ok(script);
  expect(script.stdout).toMatch(/CREATE TABLE "Item"/);
  // Only the printed script may reach stdout: the bridge's own output is protocol JSON.
  expect(script.stdout).not.toMatch(/"jsonrpc"/);

  // A table outside the schema, then reset: the database is emptied and the history applied again.
  fs.writeFileSync(path.join(dir, "extra.sql"), 'CREATE TABLE "leftover" ("a" INTEGER);');
  ok(await prisma("db", "execute", "--file", path.join(dir, "extra.sql")));
  expect(await tables()).toContain("leftover");
  ok(await prisma("migrate", "reset", "--force"));
  const after = await tables();
  expect(after).not.toContain("leftover");
  expect(after).toEqual(expect.arrayContaining(["Owner", "Item", "_prisma_migrations"]));
  ok(await prisma("migrate", "status"));
}

describe("schema-engine bridge", () => {
  it("answers --version like the native engine", () => {
    const out = spawnSync(process.execPath, [BRIDGE, "--version"], { encoding: "utf8" });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/);
  });

  it(
    "runs the migrate lifecycle on SQLite",
    async () => {
      const file = path.join(dir, "sqlite.db");
      const prisma = project("sqlite", "sqlite", `file:${file}`);
      const Database = (await import("better-sqlite3")).default;
      const tables = async () => {
        const db = new Database(file, { readonly: true });
        try {
          return db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .all()
            .map((r) => (r as { name: string }).name);
        } finally {
          db.close();
        }
      };
      await lifecycle(prisma, tables);
    },
    TIMEOUT,
  );

  it.skipIf(!pgUp && !requirePg)(
    "runs the migrate lifecycle on PostgreSQL and leaves no shadow database",
    async () => {
      if (!pgUp) throw new Error("PostgreSQL is not reachable at TEST_PG_URL");
      const shadows = async () => {
        const c = new pg.Client({ connectionString: TEST_PG_URL });
        await c.connect();
        const { rows } = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
        await c.end();
        return rows.map((r) => r.datname as string);
      };
      const before = await shadows();
      await withTempPgDatabase(TEST_PG_URL, "test", async (url) => {
        const prisma = project("postgres", "postgresql", url);
        const tables = async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          const { rows } = await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
          await c.end();
          return rows.map((r) => r.tablename as string);
        };
        await lifecycle(prisma, tables);
      });
      expect((await shadows()).filter((d) => !before.includes(d))).toEqual([]);
    },
    TIMEOUT,
  );
});
