// Every query the portal shows runs, and returns the rows the portal's own views show: the Servers tab's machine
// queries and per-machine summary (lib/domain/kql.ts builds them), and the documented dashboard queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TPeriodQuery } from "@/lib/contracts/period";
import { seedDashboardFixture, type DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import { listMachineChanges } from "@/lib/server/changes/machine-changes";
import { listServers } from "@/lib/server/changes/servers";
import type { TCurrentUser } from "@/lib/server/session";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { runQuery } from "./run-query";

let t: TestDb;
let fx: DashboardFixture;
let user: TCurrentUser;
const now = new Date();
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestDb();
  const tenant = await t.db.tenant.create({ data: { name: "Portal queries" } });
  const sub = await t.db.subscription.create({ data: { tenantId: tenant.id, name: "Portal" } });
  fx = await seedDashboardFixture(t.db, sub.id, "portal-queries", now);
  await seedDashboardFixture(t.db, sub.id, "portal-queries-other", now);
  user = { id: "portal-owner", email: "owner@portal.test", name: "Owner" };
  await t.db.user.create({ data: user });
  await t.db.roleAssignment.create({ data: { userId: user.id, role: "OWNER", subscriptionId: sub.id } });
}, 120_000);
afterAll(async () => t?.drop());

const rows = async (query: string) => (await runQuery(t.db, fx.workspaceId, { query }, now)).tables[0];
const periods: TPeriodQuery[] = [
  { period: "1h" },
  { period: "24h" },
  { period: "7d" },
  { period: "30d" },
  { from: new Date(now.getTime() - 40 * 24 * HOUR).toISOString(), to: new Date(now.getTime() - 2 * 24 * HOUR).toISOString() },
];

describe("the portal's queries run in Logs", () => {
  it.each(periods)("a machine's query on the Servers tab returns the changes it lists (%o)", async (period) => {
    for (const machineId of Object.values(fx.machines)) {
      const page = await listMachineChanges(t.db, user, fx.workspaceId, machineId, { ...period, limit: 100 }, now);
      const result = await rows(page.query);
      const at = (name: string) => result.columns.findIndex((c) => c.name === name);
      const fromQuery = result.rows.map((r) => [
        r[at("TimeGenerated")],
        r[at("Computer")],
        r[at("ConfigChangeType")],
        r[at("ChangeCategory")],
        r[at("Name")],
      ]);
      const shown = page.changes.map((c) => [c.timeGenerated, c.computer, c.changeType, c.category, c.name]);
      // Newest first in both; rows at the same instant may come in either order.
      expect(fromQuery.map((r) => r[0])).toEqual(shown.map((r) => r[0]));
      expect([...fromQuery].sort()).toEqual([...shown].sort());
    }
  });

  it.each(periods)("the Servers tab's summary query counts what its rows show (%o)", async (period) => {
    const servers = await listServers(t.db, user, fx.workspaceId, { ...period, limit: 100 }, now);
    const result = await rows(servers.query);
    const counted = new Map(result.rows.map((r) => [`${r[0]}/${r[1]}`, r[2]]));
    const key = { Files: "files", Registry: "registry", WindowsServices: "services" } as const;
    for (const row of servers.rows) {
      for (const [type, field] of Object.entries(key))
        expect(counted.get(`${row.name}/${type}`) ?? 0, `${row.name} ${type}`).toBe(row[field]);
    }
    expect([...counted.values()].reduce((a, b) => Number(a) + Number(b), 0)).toBe(servers.rows.reduce((a, r) => a + r.total, 0));
  });

  it("the documented dashboard queries return the records they describe", async () => {
    const recent = await rows(
      "ConfigurationChange | where TimeGenerated > ago(14d) | where ConfigChangeType in ('Registry','Files') | summarize count() by Computer, ConfigChangeType",
    );
    const grouped = await t.db.changeRecord.groupBy({
      by: ["computer", "changeType"],
      where: {
        workspaceId: fx.workspaceId,
        timeGenerated: { gt: new Date(now.getTime() - 14 * 24 * HOUR) },
        changeType: { in: ["Registry", "Files"] },
      },
      _count: { _all: true },
    });
    const expected = grouped.map((g) => [g.computer, g.changeType, g._count._all]);
    expect([...recent.rows].sort()).toEqual(expected.sort());

    const registry = await rows("ConfigurationChange | where ConfigChangeType in ('Registry') | order by Computer, RegistryKey");
    const records = await t.db.changeRecord.findMany({ where: { workspaceId: fx.workspaceId, changeType: "Registry" } });
    const at = registry.columns.findIndex((c) => c.name === "ValueName");
    expect(registry.rows.map((r) => r[at]).sort()).toEqual(records.map((r) => r.valueName).sort());
    expect(registry.rows.length).toBeGreaterThan(0);
  });
});
