import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { rebuildChangeCounts } from "../changes/hourly";
import { getSummary } from "../changes/summary";
import { databaseKind } from "../db";
import { seedDemoTenant } from "../seed/seed";
import { listWorkspaces } from "./list-workspaces";

let t: TestDb;
const now = new Date("2026-11-20T12:00:00Z");

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db, now);
});
afterAll(() => t.drop());

const userOf = (email: string) => t.db.user.findUniqueOrThrow({ where: { email } });

describe("the File integrity monitoring list", () => {
  it("gives the Owner every workspace with the portal's action", async () => {
    const rows = await listWorkspaces(t.db, await userOf("owner@contoso.com"), now);
    expect(rows).toHaveLength(6);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName["contoso-sandbox-centralus"]).toMatchObject({ action: "upgrade", canAct: true, totalChanges: null });
    expect(byName["contoso-dev-uksouth"]).toMatchObject({ action: "enable", canAct: true, totalChanges: null });
    expect(byName["contoso-prod-eastus"]).toMatchObject({ action: null, canAct: false, fimEnabled: true, totalChanges: 0 });
    expect(byName["contoso-prod-eastus"].totalMachines).toBe(
      byName["contoso-prod-eastus"].windowsMachines + byName["contoso-prod-eastus"].linuxMachines,
    );
  });

  it("counts the last week's changes as the dashboard's header does", async () => {
    const ws = await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-westeurope" }, include: { machines: true } });
    const m = ws.machines[0];
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await t.db.changeRecord.createMany({
      data: [1, 3, 6.9, 7, 7.5, 20].map((d, seq) => ({
        workspaceId: ws.id,
        machineId: m.id,
        computer: m.name,
        timeGenerated: at(d),
        changeType: "Files" as const,
        category: "Modified" as const,
        target: `/etc/app-${seq}.conf`,
        scanId: "scan-test",
        seq,
      })),
    });
    // Written as commitScan writes them: with their hourly counts.
    await rebuildChangeCounts(t.db, databaseKind(t.db));
    const owner = await userOf("owner@contoso.com");
    const rows = await listWorkspaces(t.db, owner, now);
    expect(rows.find((r) => r.id === ws.id)?.totalChanges).toBe(3);
    for (const row of rows.filter((r) => r.fimEnabled)) {
      expect(row.totalChanges, row.name).toBe((await getSummary(t.db, owner, row.id, {}, now)).totalChanges);
    }
  });

  it("shows the Reader the list with no action to take", async () => {
    const rows = await listWorkspaces(t.db, await userOf("reader@contoso.com"), now);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => !r.canAct && r.role === "READER")).toBe(true);
  });

  it("shows a user without roles nothing", async () => {
    const eve = await t.db.user.create({ data: { id: "eve", email: "eve@fabrikam.com", name: "Eve" } });
    expect(await listWorkspaces(t.db, eve, now)).toEqual([]);
  });
});
