import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { AppError } from "./errors";
import { authorizeSubscription, authorizeWorkspace } from "./permissions";
import { seedDemoTenant } from "./seed/seed";

let t: TestDb;
const users: Record<string, { id: string; email: string; name: string }> = {};
let prodWs: string;
let prodSub: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  for (const u of await t.db.user.findMany()) users[u.email.split("@")[0]] = u;
  const ws = await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-southeastasia" } });
  prodWs = ws.id;
  prodSub = ws.subscriptionId;
  const stranger = await t.db.user.create({ data: { id: "stranger", email: "eve@fabrikam.com", name: "Eve" } });
  users.stranger = stranger;
});
afterAll(() => t.drop());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "allowed";
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.status}`;
    throw e;
  }
}

describe("may this user do X on this workspace", () => {
  it("lets an Owner do everything", async () => {
    for (const action of ["workspace.read", "fim.enable", "fim.disable", "entity.edit"] as const)
      expect(await codeOf(authorizeWorkspace(t.db, users.owner, prodWs, action))).toBe("allowed");
    expect(await codeOf(authorizeSubscription(t.db, users.owner, prodSub, "plan.upgrade"))).toBe("allowed");
  });

  it("lets a Contributor edit entities but not enable, disable or upgrade", async () => {
    expect(await codeOf(authorizeWorkspace(t.db, users.contributor, prodWs, "entity.edit"))).toBe("allowed");
    expect(await codeOf(authorizeWorkspace(t.db, users.contributor, prodWs, "fim.enable"))).toBe("forbidden:403");
    expect(await codeOf(authorizeSubscription(t.db, users.contributor, prodSub, "plan.upgrade"))).toBe("forbidden:403");
  });

  it("refuses a Reader every change with 403 but lets them read", async () => {
    expect(await codeOf(authorizeWorkspace(t.db, users.reader, prodWs, "workspace.read"))).toBe("allowed");
    for (const action of ["fim.enable", "fim.disable", "entity.edit"] as const)
      expect(await codeOf(authorizeWorkspace(t.db, users.reader, prodWs, action))).toBe("forbidden:403");
    expect(await codeOf(authorizeSubscription(t.db, users.reader, prodSub, "plan.upgrade"))).toBe("forbidden:403");
  });

  it("answers not found to a user of another tenant, so ids are not confirmed", async () => {
    expect(await codeOf(authorizeWorkspace(t.db, users.stranger, prodWs, "workspace.read"))).toBe("not_found:404");
    expect(await codeOf(authorizeSubscription(t.db, users.stranger, prodSub, "plan.upgrade"))).toBe("not_found:404");
    expect(await codeOf(authorizeWorkspace(t.db, users.owner, "no-such-workspace", "workspace.read"))).toBe("not_found:404");
  });

  it("honours a role held on one workspace only", async () => {
    await t.db.roleAssignment.create({ data: { userId: users.stranger.id, role: "OWNER", workspaceId: prodWs } });
    expect(await codeOf(authorizeWorkspace(t.db, users.stranger, prodWs, "fim.enable"))).toBe("allowed");
    // A workspace role does not reach the subscription's plan.
    expect(await codeOf(authorizeSubscription(t.db, users.stranger, prodSub, "plan.upgrade"))).toBe("forbidden:403");
  });
});
