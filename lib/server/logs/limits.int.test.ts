// The limits of Logs queries: 10,000 rows shown and every row streamed for export with bounded batches, and the
// time limit that stops a heavy query (statement_timeout on PostgreSQL, the in-statement deadline on SQLite)
// while other queries go on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_ROW_CAP } from "@/lib/contracts/query";
import { seedDashboardFixture, type DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import { databaseKind } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { executeStatement, SQLITE_ROW_CHECK } from "./execute";
import { runQuery } from "./run-query";
import { streamQuery } from "./stream-query";

let t: TestDb;
let fx: DashboardFixture;
const BULK = QUERY_ROW_CAP + 50;
const now = new Date();

beforeAll(async () => {
  t = await createTestDb();
  const tenant = await t.db.tenant.create({ data: { name: "Logs limits" } });
  const sub = await t.db.subscription.create({ data: { tenantId: tenant.id, name: "Limits" } });
  fx = await seedDashboardFixture(t.db, sub.id, "logs-limits", now);
  const rows = Array.from({ length: BULK }, (_v, i) => ({
    workspaceId: fx.workspaceId,
    machineId: fx.machines.web,
    computer: "web-fim-01",
    timeGenerated: new Date(now.getTime() - (i + 1) * 1000),
    changeType: "Files" as const,
    category: "Modified" as const,
    target: `/srv/bulk/${i}`,
    name: "bulk",
    scanId: "bulk",
    seq: i,
  }));
  for (let i = 0; i < rows.length; i += 2000) await t.db.changeRecord.createMany({ data: rows.slice(i, i + 2000) });
}, 120_000);
afterAll(async () => t?.drop());

const bulkQuery = { query: 'ConfigurationChange | where Name == "bulk" | project FileSystemPath, TimeGenerated' };

describe("Logs query limits", () => {
  it(`shows the first ${QUERY_ROW_CAP.toLocaleString("en-US")} rows and says there are more`, async () => {
    const res = await runQuery(t.db, fx.workspaceId, bulkQuery, now);
    expect(res.tables[0].rows.length).toBe(QUERY_ROW_CAP);
    expect(res.truncated).toBe(true);
    const small = await runQuery(t.db, fx.workspaceId, { query: "ConfigurationChange | take 5" }, now);
    expect(small.truncated).toBeUndefined();
  });

  it("streams every row for export, and can stop part way and go on with the next query", async () => {
    const stream = streamQuery(t.db, fx.workspaceId, bulkQuery, now);
    expect(stream.columns.map((c) => c.name)).toEqual(["FileSystemPath", "TimeGenerated"]);
    const seen = new Set<string>();
    for await (const row of stream.rows) seen.add(String(row[0]));
    expect(seen.size).toBe(BULK);
    expect(seen.has(`/srv/bulk/${BULK - 1}`)).toBe(true);

    let read = 0;
    for await (const _row of streamQuery(t.db, fx.workspaceId, bulkQuery, now).rows) if (++read === 7000) break;
    expect(read).toBe(7000);
    const after = await runQuery(t.db, fx.workspaceId, { query: 'ConfigurationChange | where Name == "bulk" | count' }, now);
    expect(after.tables[0].rows).toEqual([[BULK]]);
  });

  it("refuses a query outside the subset before reading any row", () => {
    expect(() => streamQuery(t.db, fx.workspaceId, { query: "ConfigurationChange | mv-expand x" }, now)).toThrow(AppError);
  });

  it("stops a query at the time limit with a 400, while another query goes on", async () => {
    // Endless on its own: only the time limit ends it.
    const endless =
      databaseKind(t.db) === "postgres"
        ? { text: "SELECT pg_sleep(600) AS c0", params: [] }
        : {
            text: `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE ${SQLITE_ROW_CHECK}) SELECT COUNT(*) AS c0 FROM n`,
            params: [],
          };
    const order: string[] = [];
    const heavy = executeStatement(t.db, endless, 1500).then(
      () => order.push("heavy finished"),
      (err: unknown) => {
        order.push("heavy stopped");
        return err;
      },
    );
    await runQuery(t.db, fx.workspaceId, { query: "ConfigurationChange | count" }, now);
    order.push("light answered");
    const err = await heavy;
    expect(order).toEqual(["light answered", "heavy stopped"]);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toContain("ran longer than 1.5 s");
  });
});
