import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import Database from "better-sqlite3";
import { createTestDb, testDbKind, type TestDb } from "@/lib/testing/test-db";
import { sqliteFileOf, type Db } from "../db";
import { AppError } from "../errors";
import { seedDemoTenant } from "../seed/seed";
import { authenticateToken } from "./authenticate-token";
import { hashToken, issueToken } from "./tokens";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("../db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));
const { requireAgent, requireUser } = await import("../session");

let t: TestDb;
let ownerId: string;
let machineId: string;

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  ownerId = (await t.db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } })).id;
  machineId = (await t.db.machine.findFirstOrThrow()).id;
});
afterAll(() => t.drop());

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "allowed";
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.message}`;
    throw e;
  }
}

describe("API tokens", () => {
  it("stores only the hash, and the secret resolves to its user", async () => {
    const { id, token } = await issueToken(t.db, { userId: ownerId, name: "ci" });
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await authenticateToken(t.db, token)).toMatchObject({ tokenId: id, user: { id: ownerId }, machine: null });
    expect((await requireUser(bearer(token))).email).toBe("owner@contoso.com");
  });

  it("refuses an unknown, malformed, expired or revoked token with 401", async () => {
    expect(await refusal(requireUser(bearer("vgl_nope")))).toMatch(/^401 The API token is not valid/);
    expect(await refusal(requireUser(bearer("not-a-token")))).toMatch(/^401/);
    const expired = await issueToken(t.db, { userId: ownerId, name: "old", expiresAt: new Date(Date.now() - 1000) });
    expect(await refusal(requireUser(bearer(expired.token)))).toMatch(/^401/);
    const revoked = await issueToken(t.db, { userId: ownerId, name: "gone" });
    await t.db.apiToken.delete({ where: { id: revoked.id } });
    expect(await refusal(requireUser(bearer(revoked.token)))).toMatch(/^401/);
  });

  it("keeps agent tokens and user tokens apart", async () => {
    const agent = await issueToken(t.db, { userId: ownerId, name: "agent", machineId });
    const user = await issueToken(t.db, { userId: ownerId, name: "user" });
    const machine = await t.db.machine.findUniqueOrThrow({ where: { id: machineId } });
    expect(await requireAgent(bearer(agent.token))).toEqual({
      tokenId: agent.id,
      user: { id: ownerId, email: "owner@contoso.com", name: expect.any(String) },
      // The creator's roles reaching the machine's workspace come with it: the owner's, on the subscription.
      machine: {
        id: machineId,
        name: machine.name,
        workspaceId: machine.workspaceId,
        osFamily: machine.osFamily,
        agentKind: machine.agentKind,
        roles: ["OWNER"],
      },
    });
    expect(await refusal(requireUser(bearer(agent.token)))).toMatch(/^403 This is an agent token/);
    expect(await refusal(requireAgent(bearer(user.token)))).toMatch(/^403 This endpoint takes an agent token/);
    expect(await refusal(requireAgent(new Headers()))).toMatch(/^401/);
  });

  it("refuses an expired agent token, and one whose machine was deleted, with 401", async () => {
    const expired = await issueToken(t.db, { userId: ownerId, name: "old agent", machineId, expiresAt: new Date(Date.now() - 1000) });
    expect(await refusal(requireAgent(bearer(expired.token)))).toMatch(/^401 The API token is not valid/);
    const sub = await t.db.workspace.findFirstOrThrow();
    const doomed = await t.db.machine.create({
      data: { workspaceId: sub.id, name: "doomed", osFamily: "LINUX", osVersion: "Debian 12", source: "AZURE_ARC", agentKind: "REMOTE" },
    });
    const orphan = await issueToken(t.db, { userId: ownerId, name: "orphan", machineId: doomed.id });
    expect((await requireAgent(bearer(orphan.token))).machine.name).toBe("doomed");
    await t.db.machine.delete({ where: { id: doomed.id } });
    expect(await refusal(requireAgent(bearer(orphan.token)))).toMatch(/^401 The API token is not valid/);
  });

  it("stamps lastUsedAt when a token is used", async () => {
    const { id, token } = await issueToken(t.db, { userId: ownerId, name: "stamp" });
    await authenticateToken(t.db, token);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  // better-sqlite3 waits for a held write lock synchronously: a stamp that waited would hold every request of the process.
  if (testDbKind() === "sqlite") {
    it("authenticates at once while another connection holds SQLite's write lock, and stamps lastUsedAt once it is free", async () => {
      const { id, token } = await issueToken(t.db, { userId: ownerId, name: "busy" });
      const writer = new Database(sqliteFileOf(t.db)!);
      writer.exec("BEGIN IMMEDIATE");
      try {
        const started = performance.now();
        expect((await authenticateToken(t.db, token))?.tokenId).toBe(id);
        expect(performance.now() - started).toBeLessThan(1_000); // the busy timeout is 10 s
      } finally {
        writer.exec("ROLLBACK");
        writer.close();
      }
      expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
      await authenticateToken(t.db, token);
      expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
    });
  }
});
