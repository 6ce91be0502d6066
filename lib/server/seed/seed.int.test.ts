import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECOMMENDED_ENTITIES } from "@/lib/domain/recommended";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "./seed";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

describe("demo tenant seed", () => {
  it("writes the tenant the README promises", async () => {
    expect(await seedDemoTenant(t.db)).toBe(true);
    const subs = await t.db.subscription.findMany({ orderBy: { name: "asc" } });
    expect(subs.map((s) => [s.name, s.plan])).toEqual([
      ["Contoso Development", "DEFENDER_SERVERS_P2"],
      ["Contoso Production", "DEFENDER_SERVERS_P2"],
      ["Contoso Sandbox", "FREE"],
    ]);
    const workspaces = await t.db.workspace.findMany({ include: { subscription: true, _count: { select: { entities: true } } } });
    expect(workspaces).toHaveLength(6);
    expect(new Set(workspaces.map((w) => w.location)).size).toBe(6);
    expect(workspaces.filter((w) => w.fimEnabled)).toHaveLength(3);
    expect(workspaces.filter((w) => !w.fimEnabled && w.subscription.plan !== "FREE")).toHaveLength(2);
    expect(workspaces.filter((w) => w.subscription.plan === "FREE")).toHaveLength(1);
    // The recommended entities plus the demo team's two custom ones (all services, System32 executables).
    for (const w of workspaces) expect(w._count.entities).toBe(w.fimEnabled ? RECOMMENDED_ENTITIES.length + 2 : 0);

    const machines = await t.db.machine.findMany();
    expect(machines.length).toBeGreaterThanOrEqual(36);
    expect(new Set(machines.map((m) => m.osFamily))).toEqual(new Set(["WINDOWS", "LINUX"]));
    expect(new Set(machines.map((m) => m.source))).toEqual(new Set(["AZURE_VM", "AZURE_ARC", "AWS"]));
    expect(machines.some((m) => m.osVersion.startsWith("Windows Server 2019"))).toBe(true);
    expect(machines.some((m) => m.osVersion.startsWith("Windows Server 2022"))).toBe(true);
    expect(machines.some((m) => m.osVersion.startsWith("Ubuntu"))).toBe(true);
    expect(machines.some((m) => m.osVersion.startsWith("Red Hat"))).toBe(true);

    const accounts = await t.db.account.findMany({ include: { user: true } });
    expect(accounts.map((a) => a.user.email).sort()).toEqual(["contributor@contoso.com", "owner@contoso.com", "reader@contoso.com"]);
    expect(accounts.every((a) => a.password && !a.password.includes("VigilDemo"))).toBe(true);
  });

  it("is idempotent: a second run writes nothing", async () => {
    const before = await t.db.machine.count();
    expect(await seedDemoTenant(t.db)).toBe(false);
    expect(await t.db.machine.count()).toBe(before);
    expect(await t.db.tenant.count()).toBe(1);
  });
});
