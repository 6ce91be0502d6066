// A fresh, migrated database per test file: SQLite by default, PostgreSQL when TEST_DB=postgres.
// Migrations are applied from the checked-in SQL, the same files `prisma migrate deploy` applies
// (the drift test proves those files equal the schema).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { openDb, type Db } from "@/lib/server/db";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEST_PG_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const testDbKind = (): "sqlite" | "postgres" => (process.env.TEST_DB === "postgres" ? "postgres" : "sqlite");

function migrationScripts(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

export type TestDb = { db: Db; url: string; drop: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  if (testDbKind() === "postgres") {
    const name = `vigil_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = TEST_PG_URL.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const sql of migrationScripts(path.join(ROOT, "prisma/postgres/migrations"))) await client.query(sql);
    await client.end();
    const db = await openDb(url);
    return {
      db,
      url,
      drop: async () => {
        await db.$disconnect();
        const a = new pg.Client({ connectionString: TEST_PG_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-test-"));
  const file = path.join(dir, "test.db");
  const raw = new Database(file);
  for (const sql of migrationScripts(path.join(ROOT, "prisma/migrations"))) raw.exec(sql);
  raw.close();
  const url = `file:${file}`;
  const db = await openDb(url);
  return {
    db,
    url,
    drop: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
