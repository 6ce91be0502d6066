// Fails when a checked-in migration history no longer produces prisma/schema.prisma: each history is replayed
// on a shadow database (SQLite in memory; PostgreSQL a throwaway database on TEST_PG_URL's server) and
// compared with its schema by `prisma migrate diff --exit-code`. Fix: npm run db:new-migration -- --name <x>.
import { describe, expect, it } from "vitest";
import { checkDrift, pgReachable, TEST_PG_URL } from "./tools.mjs";

const CLI_TIMEOUT = 120_000;
// Without a server, the PostgreSQL half is skipped on a developer machine but fails in CI (or when asked to).
const requirePg = Boolean(process.env.CI || process.env.TEST_DB === "postgres" || process.env.VIGIL_REQUIRE_PG);
const pgUp = await pgReachable(TEST_PG_URL);
const redacted = TEST_PG_URL.replace(/\/\/[^@]*@/, "//***@");

describe("migration histories match prisma/schema.prisma", () => {
  it(
    "SQLite: prisma/migrations",
    async () => {
      const result = await checkDrift("sqlite");
      expect(result.details, "prisma/migrations differs from the schema").toBe("");
      expect(result.drifted).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it.skipIf(!pgUp && !requirePg)(
    "PostgreSQL: prisma/postgres/migrations",
    async () => {
      if (!pgUp) throw new Error(`PostgreSQL is not reachable at ${redacted} (TEST_PG_URL)`);
      const result = await checkDrift("postgres", { pgUrl: TEST_PG_URL });
      expect(result.details, "prisma/postgres/migrations differs from the schema").toBe("");
      expect(result.drifted).toBe(false);
    },
    CLI_TIMEOUT,
  );
});
