// Prisma CLI configuration (Prisma 7: the datasource url lives here, not in schema.prisma).
// One schema, two databases: DATABASE_URL picks SQLite (default, ./data/vigil.db) or PostgreSQL, and with
// it the schema file and the migration history the CLI works on.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

const root = import.meta.dirname;
const url = process.env.DATABASE_URL || "file:./data/vigil.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

if (!postgres) {
  // Relative SQLite paths are resolved from this folder (the CLI runs the engine here); make sure the folder exists.
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  fs.mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
}

// No native schema engine can be downloaded here: unless one is configured, the CLI runs our bridge to the
// WebAssembly engine (prisma/engine-bridge). The CLI reads this variable after loading this file.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !process.env.PRISMA_MIGRATION_ENGINE_BINARY) {
  const bridge = path.join(root, "prisma/engine-bridge/schema-engine.mjs");
  // The CLI spawns it directly: keep it executable even where a checkout lost the mode bit.
  if ((fs.statSync(bridge).mode & 0o111) === 0) fs.chmodSync(bridge, 0o755);
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = bridge;
}

export default defineConfig({
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  datasource: { url, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined },
});
