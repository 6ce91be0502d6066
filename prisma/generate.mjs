#!/usr/bin/env node
// Generates both Prisma clients (lib/generated/sqlite and lib/generated/postgres) from the one schema:
// derives prisma/postgres/schema.prisma first, then runs `prisma generate` on each schema file.
// Runs as npm's postinstall; needs no database and no engine download.
import { runPrisma, TARGETS, writePostgresSchema } from "./tools.mjs";

if (writePostgresSchema()) console.log("prisma/postgres/schema.prisma updated from prisma/schema.prisma");
for (const { schema } of Object.values(TARGETS)) {
  const { code } = await runPrisma(["generate", "--schema", schema], { inherit: true });
  if (code !== 0) process.exit(code);
}
