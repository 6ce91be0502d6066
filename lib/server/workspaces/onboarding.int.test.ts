import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECOMMENDED_ENTITIES, RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { AppError } from "../errors";
import { seedDemoTenant } from "../seed/seed";
import { disableFim } from "./disable-fim";
import { enableFim } from "./enable-fim";
import { upgradePlan } from "./upgrade-plan";

let t: TestDb;
const user = (email: string) => t.db.user.findUniqueOrThrow({ where: { email } });
const wsId = async (name: string) => (await t.db.workspace.findFirstOrThrow({ where: { name } })).id;

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
});
afterAll(() => t.drop());

describe("Upgrade", () => {
  it("refuses enabling before the plan is upgraded, then upgrades once and audits it", async () => {
    const owner = await user("owner@contoso.com");
    const id = await wsId("contoso-sandbox-centralus");
    expect(await refusal(enableFim(t.db, owner, id, RECOMMENDED_KEYS))).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/Plan 2/),
    });

    expect(await refusal(upgradePlan(t.db, await user("reader@contoso.com"), id))).toMatchObject({ code: "forbidden" });
    expect(await refusal(upgradePlan(t.db, await user("contributor@contoso.com"), id))).toMatchObject({ code: "forbidden" });

    await upgradePlan(t.db, owner, id);
    const ws = await t.db.workspace.findUniqueOrThrow({ where: { id }, include: { subscription: true } });
    expect(ws.subscription.plan).toBe("DEFENDER_SERVERS_P2");
    expect(await refusal(upgradePlan(t.db, owner, id))).toMatchObject({ code: "conflict", message: expect.stringMatching(/already/) });
    expect(await t.db.auditEvent.count({ where: { action: "plan.upgrade", subscriptionId: ws.subscriptionId } })).toBe(1);
  });
});

describe("Enable", () => {
  it("creates exactly the entities left checked, enables FIM and audits who did it", async () => {
    const owner = await user("owner@contoso.com");
    const id = await wsId("contoso-dev-uksouth");
    const kept = RECOMMENDED_KEYS.filter((k) => k !== "LINUX_FILE:/etc/*.conf" && !k.startsWith("WINDOWS_REGISTRY:"));
    const res = await enableFim(t.db, owner, id, kept);
    expect(res.entities).toBe(kept.length);

    const entities = await t.db.trackedEntity.findMany({ where: { workspaceId: id } });
    expect(entities).toHaveLength(kept.length);
    expect(entities.some((e) => e.path === "/etc/*.conf")).toBe(false);
    expect(entities.every((e) => e.recommended && e.enabled)).toBe(true);
    const ws = await t.db.workspace.findUniqueOrThrow({ where: { id } });
    expect(ws).toMatchObject({ fimEnabled: true, fimEnabledById: owner.id });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { workspaceId: id, action: "fim.enable" } });
    expect(audit.actorEmail).toBe("owner@contoso.com");
    expect(audit.summary).toContain(`${kept.length} of ${RECOMMENDED_ENTITIES.length}`);
  });

  it("changes nothing on a second submit", async () => {
    const owner = await user("owner@contoso.com");
    const id = await wsId("contoso-dev-uksouth");
    const before = await t.db.trackedEntity.count({ where: { workspaceId: id } });
    expect(await refusal(enableFim(t.db, owner, id, RECOMMENDED_KEYS))).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already enabled/),
    });
    expect(await t.db.trackedEntity.count({ where: { workspaceId: id } })).toBe(before);
  });

  it("lets only one of two simultaneous submits through", async () => {
    const owner = await user("owner@contoso.com");
    const id = await wsId("contoso-prod-southeastasia");
    const results = await Promise.allSettled([enableFim(t.db, owner, id, RECOMMENDED_KEYS), enableFim(t.db, owner, id, RECOMMENDED_KEYS)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.trackedEntity.count({ where: { workspaceId: id } })).toBe(RECOMMENDED_ENTITIES.length);
  });

  it("refuses Readers and Contributors", async () => {
    const id = await wsId("contoso-prod-eastus");
    expect(await refusal(enableFim(t.db, await user("reader@contoso.com"), id, []))).toMatchObject({ code: "forbidden" });
    expect(await refusal(disableFim(t.db, await user("contributor@contoso.com"), id))).toMatchObject({ code: "forbidden" });
  });
});

describe("Disable", () => {
  it("removes the configuration, keeps the history, and can be enabled again", async () => {
    const owner = await user("owner@contoso.com");
    const id = await wsId("contoso-prod-westeurope");
    const m = await t.db.machine.findFirstOrThrow({ where: { workspaceId: id } });
    const entity = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: id } });
    await t.db.changeRecord.create({
      data: {
        workspaceId: id,
        machineId: m.id,
        computer: m.name,
        timeGenerated: new Date(),
        changeType: "Files",
        category: "Modified",
        target: entity.path,
        entityId: entity.id,
        scanId: "s1",
        seq: 0,
      },
    });

    await disableFim(t.db, owner, id);
    expect(await t.db.trackedEntity.count({ where: { workspaceId: id } })).toBe(0);
    expect(await t.db.changeRecord.count({ where: { workspaceId: id } })).toBe(1);
    expect((await t.db.workspace.findUniqueOrThrow({ where: { id } })).fimEnabled).toBe(false);
    expect(await refusal(disableFim(t.db, owner, id))).toMatchObject({ code: "conflict" });

    await enableFim(t.db, owner, id, RECOMMENDED_KEYS);
    expect(await t.db.trackedEntity.count({ where: { workspaceId: id } })).toBe(RECOMMENDED_ENTITIES.length);
  });
});
