// The remote agent endpoints end to end through their route handlers, on a real database (TEST_DB=postgres too).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZAgentConfig, ZAgentRegistration, ZAgentScansResponse, type TAgentScanReportWire } from "@/lib/contracts/agent";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import type { Db } from "../db";
import { seedDemoTenant } from "../seed/seed";
import { issueToken } from "../tokens/tokens";
import { readJsonBody } from "../request";
import { storedScanId } from "./ingest";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("../db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));
const register = await import("@/app/api/v1/agent/register/route");
const config = await import("@/app/api/v1/agent/config/route");
const scans = await import("@/app/api/v1/agent/scans/route");

let t: TestDb;
const tokens: Record<"owner" | "contributor" | "reader" | "stranger", string> = { owner: "", contributor: "", reader: "", stranger: "" };
const userIds: Record<string, string> = {};
let wsId: string;
let entityId: string;
let otherEntityId: string;

const ctx = { params: Promise.resolve({}) };
const headers = (token?: string) => ({ "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) });
const post = (handler: typeof register.POST, token: string | undefined, body: unknown) =>
  handler(
    new Request("http://x/api/v1/agent", {
      method: "POST",
      headers: headers(token),
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    ctx,
  );
const getConfig = (token?: string) => config.GET(new Request("http://x/api/v1/agent/config", { headers: headers(token) }), ctx);

async function registerAs(token: string | undefined, body: Record<string, unknown>) {
  const res = await post(register.POST, token, body);
  return { status: res.status, body: await res.json() };
}

async function postScans(token: string, scanList: TAgentScanReportWire[]) {
  const res = await post(scans.POST, token, { scans: scanList });
  return { status: res.status, body: await res.json() };
}

const file = (path: string, sha: string, entity = entityId) => ({
  itemKey: path,
  entityId: entity,
  size: 100,
  sha256: sha,
  inode: 42,
  dateModified: "2026-11-20T10:00:00.000Z",
  acls: "-rw-r--r-- root root",
});

function scan(id: string, entries: ReturnType<typeof file>[], extra: Partial<TAgentScanReportWire> = {}): TAgentScanReportWire {
  return {
    scanId: id,
    changeType: "Files",
    startedAt: new Date(Date.now() - 1000).toISOString(),
    finishedAt: new Date().toISOString(),
    entityIds: [entityId, otherEntityId],
    entries,
    errors: [],
    ...extra,
  };
}

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  for (const role of ["owner", "contributor", "reader"] as const) {
    const u = await t.db.user.findFirstOrThrow({ where: { email: `${role}@contoso.com` } });
    userIds[role] = u.id;
    tokens[role] = (await issueToken(t.db, { userId: u.id, name: "test" })).token;
  }
  const stranger = await t.db.user.create({ data: { id: "stranger", name: "Stranger", email: "stranger@fabrikam.com" } });
  tokens.stranger = (await issueToken(t.db, { userId: stranger.id, name: "test" })).token;
  const ws = await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-eastus" } });
  wsId = ws.id;
  entityId = (
    await t.db.trackedEntity.create({
      data: { workspaceId: wsId, kind: "LINUX_FILE", itemName: "app", path: "/srv/app", pathType: "DIRECTORY", recursion: true },
    })
  ).id;
  otherEntityId = (
    await t.db.trackedEntity.create({
      data: { workspaceId: wsId, kind: "LINUX_FILE", itemName: "etc", path: "/srv/etc", pathType: "DIRECTORY" },
    })
  ).id;
});
afterAll(() => t.drop());

describe("POST /api/v1/agent/register", () => {
  it("lets an Owner register a host by workspace name: a REMOTE machine and an agent token bound to it", async () => {
    const r = await registerAs(tokens.owner, {
      workspace: "contoso-prod-eastus",
      hostname: "web-01",
      osFamily: "LINUX",
      osVersion: "Debian 12",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      machineName: "web-01",
      workspaceId: wsId,
      workspaceName: "contoso-prod-eastus",
      reused: false,
      revokedTokens: 0,
    });
    expect(r.body.agentToken).toMatch(/^vgl_/);
    expect(ZAgentRegistration.strict().safeParse(r.body).success).toBe(true); // the documented response shape
    const m = await t.db.machine.findUniqueOrThrow({ where: { id: r.body.machineId } });
    expect(m).toMatchObject({
      agentKind: "REMOTE",
      osFamily: "LINUX",
      osVersion: "Debian 12",
      source: "AZURE_ARC",
      collectionStatus: "PENDING",
    });
    expect(await t.db.apiToken.findUniqueOrThrow({ where: { id: r.body.agentTokenId } })).toMatchObject({
      machineId: m.id,
      userId: userIds.owner,
    });
    expect(await t.db.auditEvent.count({ where: { action: "machine.register", targetId: m.id } })).toBe(1);
  });

  it("lets a Contributor register by workspace id; re-registering takes the machine over and revokes its old token", async () => {
    const first = await registerAs(tokens.contributor, { workspace: wsId, hostname: "web-02", osFamily: "LINUX" });
    expect(first.status).toBe(201);
    expect((await getConfig(first.body.agentToken)).status).toBe(200);
    const again = await registerAs(tokens.contributor, { workspace: wsId, hostname: "web-02", osFamily: "LINUX" });
    expect(again.body).toMatchObject({ machineId: first.body.machineId, reused: true, revokedTokens: 1 });
    expect((await getConfig(first.body.agentToken)).status).toBe(401);
    expect((await getConfig(again.body.agentToken)).status).toBe(200);
  });

  it("refuses a Reader (403), a stranger (404), no token (401) and an agent token (403)", async () => {
    const body = { workspace: "contoso-prod-eastus", hostname: "web-09", osFamily: "LINUX" };
    const reader = await registerAs(tokens.reader, body);
    expect(reader.status).toBe(403);
    expect(reader.body.error.message).toMatch(/edit tracked entities/);
    expect((await registerAs(tokens.stranger, body)).status).toBe(404);
    expect((await registerAs(undefined, body)).status).toBe(401);
    const agent = await registerAs(tokens.owner, { ...body, hostname: "web-10" });
    expect((await registerAs(agent.body.agentToken, body)).status).toBe(403);
    expect(await t.db.machine.count({ where: { name: "web-09" } })).toBe(0);
  });

  it("answers 422 naming the field for bad input, and 409 for a name the simulated fleet uses", async () => {
    const bad = await registerAs(tokens.owner, { workspace: "contoso-prod-eastus", hostname: "web 01", osFamily: "SOLARIS" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["hostname", "osFamily"]);
    const sim = await t.db.machine.findFirstOrThrow({ where: { workspaceId: wsId, agentKind: "SIMULATED" } });
    const clash = await registerAs(tokens.owner, { workspace: wsId, hostname: sim.name, osFamily: sim.osFamily });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(/simulated fleet/);
    expect((await registerAs(tokens.owner, { workspace: "no-such-ws", hostname: "x", osFamily: "LINUX" })).status).toBe(404);
  });
});

describe("GET /api/v1/agent/config", () => {
  it("gives the FIM state, the configuration version and the enabled Linux file entities", async () => {
    const r = await registerAs(tokens.owner, { workspace: wsId, hostname: "cfg-01", osFamily: "LINUX" });
    const res = await getConfig(r.body.agentToken);
    expect(res.status).toBe(200);
    const cfg = await res.json();
    expect(ZAgentConfig.safeParse(cfg).error).toBeUndefined();
    const ws = await t.db.workspace.findUniqueOrThrow({ where: { id: wsId } });
    expect(cfg).toMatchObject({ machineId: r.body.machineId, fimEnabled: true, configVersion: ws.configVersion, osFamily: "LINUX" });
    expect(cfg.scans).toHaveLength(1);
    expect(cfg.scans[0]).toMatchObject({ changeType: "Files", intervalSec: 900 });
    const kinds = new Set(cfg.scans[0].entities.map((e: { kind: string }) => e.kind));
    expect([...kinds].every((k) => k === "LINUX_FILE" || k === "FILE_CONTENT")).toBe(true);
    expect(cfg.scans[0].entities.map((e: { id: string }) => e.id)).toContain(entityId);
    expect((await getConfig(tokens.owner)).status).toBe(403); // a user token is not an agent token
    expect((await getConfig()).status).toBe(401);
  });

  it("refuses once the token's creator may no longer edit the workspace", async () => {
    const lead = await t.db.user.create({ data: { id: "lead", name: "Lead", email: "lead@contoso.com" } });
    const role = await t.db.roleAssignment.create({ data: { userId: lead.id, workspaceId: wsId, role: "CONTRIBUTOR" } });
    const leadToken = (await issueToken(t.db, { userId: lead.id, name: "t" })).token;
    const r = await registerAs(leadToken, { workspace: wsId, hostname: "lead-01", osFamily: "LINUX" });
    expect(r.status).toBe(201);
    await t.db.roleAssignment.update({ where: { id: role.id }, data: { role: "READER" } });
    const res = await getConfig(r.body.agentToken);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/may no longer edit/);
    expect((await postScans(r.body.agentToken, [scan("s1", [])])).status).toBe(403);
  });

  it("refuses an agent token of a machine Vigil collects itself", async () => {
    const sim = await t.db.machine.findFirstOrThrow({ where: { workspaceId: wsId, agentKind: "SIMULATED" } });
    const token = (await issueToken(t.db, { userId: userIds.owner, name: "x", machineId: sim.id })).token;
    expect((await getConfig(token)).status).toBe(409);
  });
});

describe("POST /api/v1/agent/scans", () => {
  let a: { machineId: string; agentToken: string };
  let b: { machineId: string; agentToken: string };
  beforeAll(async () => {
    a = (await registerAs(tokens.owner, { workspace: wsId, hostname: "scan-a", osFamily: "LINUX" })).body;
    b = (await registerAs(tokens.owner, { workspace: wsId, hostname: "scan-b", osFamily: "LINUX" })).body;
  });
  const records = (machineId: string) => t.db.changeRecord.count({ where: { machineId } });

  it("takes the first scan as the baseline, then records the diff of the next one", async () => {
    const base = await postScans(a.agentToken, [
      scan("a-1", [file("/srv/app/a.conf", "1".repeat(64)), file("/srv/app/b.conf", "2".repeat(64))]),
    ]);
    expect(base.status, JSON.stringify(base.body)).toBe(200);
    expect(ZAgentScansResponse.safeParse(base.body).error).toBeUndefined();
    expect(base.body).toEqual({
      machineId: a.machineId,
      results: [{ scanId: "a-1", duplicate: false, discarded: false, discardReason: null, changes: 0, baselined: 2, contentRefused: 0 }],
    });
    const next = await postScans(a.agentToken, [
      scan("a-2", [file("/srv/app/a.conf", "3".repeat(64)), file("/srv/app/c.sh", "4".repeat(64))]),
    ]);
    expect(next.body.results[0]).toMatchObject({ scanId: "a-2", duplicate: false, changes: 3 });
    const stored = await t.db.changeRecord.findMany({ where: { machineId: a.machineId }, orderBy: { target: "asc" } });
    expect(stored.map((c) => [c.category, c.target])).toEqual([
      ["Modified", "/srv/app/a.conf"],
      ["Removed", "/srv/app/b.conf"],
      ["Added", "/srv/app/c.sh"],
    ]);
    expect(stored.every((c) => c.scanId === storedScanId(a.machineId, "a-2") && c.computer === "scan-a")).toBe(true);
    const m = await t.db.machine.findUniqueOrThrow({ where: { id: a.machineId } });
    expect(m.collectionStatus).toBe("HEALTHY");
    expect(m.lastReportAt).not.toBeNull();
  });

  it("answers a resent batch as duplicates and writes nothing again, also when the batch mixes old and new", async () => {
    const before = await records(a.machineId);
    const again = await postScans(a.agentToken, [
      scan("a-2", [file("/srv/app/a.conf", "3".repeat(64)), file("/srv/app/c.sh", "4".repeat(64))]),
    ]);
    expect(again.body.results[0]).toMatchObject({ scanId: "a-2", duplicate: true, changes: 0 });
    expect(await records(a.machineId)).toBe(before);
    const mixed = await postScans(a.agentToken, [
      scan("a-2", [file("/srv/app/a.conf", "3".repeat(64)), file("/srv/app/c.sh", "4".repeat(64))]),
      scan("a-3", [file("/srv/app/a.conf", "5".repeat(64)), file("/srv/app/c.sh", "4".repeat(64))]),
    ]);
    expect(mixed.body.results.map((r: { duplicate: boolean; changes: number }) => [r.duplicate, r.changes])).toEqual([
      [true, 0],
      [false, 1],
    ]);
    expect(await records(a.machineId)).toBe(before + 1);
    // Racing deliveries of one scan: one commits, the other is a duplicate.
    const racing = await Promise.all(
      [0, 1].map(() =>
        postScans(a.agentToken, [scan("a-4", [file("/srv/app/a.conf", "6".repeat(64)), file("/srv/app/c.sh", "4".repeat(64))])]),
      ),
    );
    expect(racing.map((r) => r.body.results[0].duplicate).sort()).toEqual([false, true]);
    expect(await records(a.machineId)).toBe(before + 2);
  });

  it("keeps an agent to its own machine: another machineId is 403, and its scan ids do not mask another machine's", async () => {
    const bBefore = await records(b.machineId);
    const forged = await postScans(a.agentToken, [scan("x-1", [file("/srv/app/z", "7".repeat(64))], { machineId: b.machineId })]);
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toMatch(/only writes its own machine/);
    // b uses the scan ids a used: they are b's own.
    await postScans(b.agentToken, [scan("a-1", [file("/srv/app/a.conf", "1".repeat(64))])]);
    const r = await postScans(b.agentToken, [scan("a-2", [file("/srv/app/a.conf", "9".repeat(64))], { machineId: b.machineId })]);
    expect(r.body.results[0]).toMatchObject({ duplicate: false, changes: 1 });
    expect(await records(b.machineId)).toBe(bBefore + 1);
  });

  it("discards scans while FIM is disabled and scans made with an outdated configuration", async () => {
    const before = await records(a.machineId);
    const ws = await t.db.workspace.findUniqueOrThrow({ where: { id: wsId } });
    const stale = await postScans(a.agentToken, [
      scan("a-5", [file("/srv/app/new", "8".repeat(64))], { configVersion: ws.configVersion + 7 }),
    ]);
    expect(stale.body.results[0]).toMatchObject({ discarded: true, discardReason: "config_changed", changes: 0 });
    await t.db.workspace.update({ where: { id: wsId }, data: { fimEnabled: false } });
    try {
      const off = await postScans(a.agentToken, [scan("a-6", [file("/srv/app/new", "8".repeat(64))])]);
      expect(off.body.results[0]).toMatchObject({ duplicate: false, discarded: true, discardReason: "fim_disabled", changes: 0 });
      const cfg = await (await getConfig(a.agentToken)).json();
      expect(cfg).toMatchObject({ fimEnabled: false, scans: [] });
    } finally {
      await t.db.workspace.update({ where: { id: wsId }, data: { fimEnabled: true } });
    }
    expect(await records(a.machineId)).toBe(before);
  });

  it("stores uploaded content checked against its hash", async () => {
    const data = Buffer.from("listen_port = 8080\n");
    const sha = crypto.createHash("sha256").update(data).digest("hex");
    const ok = await postScans(b.agentToken, [
      scan("b-c1", [{ ...file("/srv/app/a.conf", sha), contentSha256: sha } as ReturnType<typeof file>], {
        contents: [{ sha256: sha, base64: data.toString("base64") }],
      }),
    ]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await t.db.contentBlob.findUniqueOrThrow({ where: { sha256: sha } })).size).toBe(data.byteLength);
    const bad = await postScans(b.agentToken, [
      scan("b-c2", [], { contents: [{ sha256: "0".repeat(64), base64: data.toString("base64") }] }),
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/does not match its sha256/);
  });

  it("answers registration's token with Cache-Control: no-store", async () => {
    const res = await post(register.POST, tokens.owner, { workspace: "contoso-prod-eastus", hostname: "nostore-01", osFamily: "LINUX" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 422 naming the field for bad reports, 400 for bad JSON, 401 without a token, and commits none of a bad batch", async () => {
    const before = await records(a.machineId);
    const cases: [unknown, RegExp][] = [
      [{ scans: [{ ...scan("ok", []), scanId: undefined }] }, /^scans\.0\.scanId$/],
      [{ scans: [scan("bad id!", [])] }, /^scans\.0\.scanId$/],
      [{ scans: [scan("d", [], { finishedAt: "yesterday" })] }, /^scans\.0\.finishedAt$/],
      [{ scans: [scan("f", [], { finishedAt: new Date(Date.now() + 3_600_000).toISOString() })] }, /^scans\.0\.finishedAt$/],
      [{ scans: [scan("e", [{ ...file("/x", "1"), size: -1 }])] }, /^scans\.0\.entries\.0\.size$/],
      [{ scans: [scan("g", [], { changeType: "Printers" as never })] }, /^scans\.0\.changeType$/],
      [{ scans: [] }, /^scans$/],
      [{}, /^scans$/],
      // Hostile values that once reached the database and answered 500, or were stored as they came.
      [{ scans: [scan("h", [{ ...file("/x", "1"), size: "9223372036854775808" as never }])] }, /^scans\.0\.entries\.0\.size$/],
      [{ scans: [scan("i", [{ ...file("/x", "1"), inode: "18446744073709551615" as never }])] }, /^scans\.0\.entries\.0\.inode$/],
      [{ scans: [scan("j", [file("/etc/pass\u0000wd", "1")])] }, /^scans\.0\.entries\.0\.itemKey$/],
      [
        { scans: [scan("k", [], { startedAt: "0000-01-01T00:00:00Z", finishedAt: "0000-01-01T00:00:01Z" })] },
        /^scans\.0\.(started|finished)At$/,
      ],
      // NUL in a value, an id or an error message: PostgreSQL text cannot hold it (found by the API fuzz test).
      [{ scans: [scan("l", [{ ...file("/x", "1"), acls: "root\u0000" }])] }, /^scans\.0\.entries\.0\.acls$/],
      [{ scans: [scan("m", [{ ...file("/x", "1"), valueData: "a\u0000b" } as never])] }, /^scans\.0\.entries\.0\.valueData$/],
      [{ scans: [scan("o", [], { entityIds: ["e\u0000"] })] }, /^scans\.0\.entityIds\.0$/],
      [{ scans: [scan("p", [], { errors: [{ message: "denied\u0000" }] })] }, /^scans\.0\.errors\.0\.message$/],
    ];
    for (const [body, field] of cases) {
      const res = await post(scans.POST, a.agentToken, body);
      const json = await res.json();
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(json.error.fields[0].field).toMatch(field);
      expect(json.error.message).toMatch(/^The request is not valid: scans[.:]/);
    }
    // One bad scan in a batch: nothing of the batch is committed.
    const mixed = await postScans(a.agentToken, [scan("a-7", [file("/srv/app/a.conf", "a".repeat(64))]), scan("", [])]);
    expect(mixed.status).toBe(422);
    expect(await t.db.scan.count({ where: { id: storedScanId(a.machineId, "a-7") } })).toBe(0);
    expect((await post(scans.POST, a.agentToken, "{nope")).status).toBe(400);
    expect((await post(scans.POST, undefined, { scans: [scan("n", [])] })).status).toBe(401);
    expect((await post(scans.POST, tokens.owner, { scans: [scan("n", [])] })).status).toBe(403);
    expect(await records(a.machineId)).toBe(before);
  });

  it("answers 413 past the entries limit, and stops reading a body past the byte limit", async () => {
    const many = Array.from({ length: 100_001 }, (_, i) => ({ itemKey: `/f${i}` }));
    const res = await post(scans.POST, a.agentToken, { scans: [{ ...scan("big", []), entries: many }] });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/100,001 inventory entries; the limit is 100,000/);
    const body = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(1000));
        c.close();
      },
    });
    const req = new Request("http://x", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readJsonBody(req, 5000)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
  });
});
