// The remote agent against the agent endpoints over real HTTP (a node server in front of the route handlers, on a
// real database), scanning a real folder; faults are injected between the two.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { setAttributeSync } from "@napi-rs/xattr";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/server/db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { issueToken } from "@/lib/server/tokens/tokens";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { RemoteAgent } from "./agent";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));
const routes: Record<string, { GET?: unknown; POST?: unknown }> = {
  "/api/v1/agent/register": await import("@/app/api/v1/agent/register/route"),
  "/api/v1/agent/config": await import("@/app/api/v1/agent/config/route"),
  "/api/v1/agent/scans": await import("@/app/api/v1/agent/scans/route"),
};

type Handler = (req: Request, ctx: { params: Promise<object> }) => Promise<Response>;
/** Faults: answer the next scans POST with this status before (lost request) or after (lost answer) committing it. */
const faults: { before: number[]; after: number[]; retryAfter?: string } = { before: [], after: [] };
let scansPosts = 0;
/** The scans of the last scans POST, as sent. */
let lastScans: { baseScanId?: string; entries: unknown[]; removed?: { itemKey: string }[] }[] = [];

let t: TestDb;
let server: http.Server;
let base: string;
let dir: string;
let stateDir: string;
let ownerToken: string;
let wsId: string;
let entityId: string;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  const owner = await t.db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
  ownerToken = (await issueToken(t.db, { userId: owner.id, name: "agent test" })).token;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-agent-"));
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-agent-state-"));
  fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 80\n");
  fs.writeFileSync(path.join(dir, "users.txt"), "alice\n");
  const ws = await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-dev-westus2" } });
  wsId = ws.id;
  entityId = (
    await t.db.trackedEntity.create({
      data: { workspaceId: wsId, kind: "LINUX_FILE", itemName: "agent test", path: dir, pathType: "DIRECTORY", uploadContent: true },
    })
  ).id;

  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url!, "http://127.0.0.1");
    const handler = routes[url.pathname]?.[req.method as "GET" | "POST"] as Handler | undefined;
    if (!handler) return void res.writeHead(404).end();
    const isScan = url.pathname.endsWith("/scans");
    if (isScan) {
      scansPosts++;
      lastScans = JSON.parse(Buffer.concat(chunks).toString()).scans;
    }
    const early = isScan ? faults.before.shift() : undefined;
    if (early) return void res.writeHead(early, faults.retryAfter ? { "retry-after": faults.retryAfter } : {}).end("{}");
    const request = new Request(url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const answer = await handler(request, { params: Promise.resolve({}) });
    const late = isScan ? faults.after.shift() : undefined;
    if (late) return void res.writeHead(late).end(); // committed, but the agent never hears it
    res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(stateDir, { recursive: true, force: true });
  await t.drop();
});
beforeEach(() => {
  faults.before = [];
  faults.after = [];
  faults.retryAfter = undefined;
  lines.length = 0;
});

const agent = (over: Partial<ConstructorParameters<typeof RemoteAgent>[0]> = {}) =>
  new RemoteAgent({
    server: base,
    token: ownerToken,
    workspace: "contoso-dev-westus2",
    hostname: "remote-web-01",
    stateFile: path.join(stateDir, "state.json"),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    log: (l) => lines.push(l),
    ...over,
  });
const changes = () => t.db.changeRecord.findMany({ where: { entityId }, orderBy: { target: "asc" } });

describe("the remote agent", () => {
  it("registers once, saves its token with mode 0600, and baselines the tracked folder", async () => {
    const a = agent();
    const pass = await a.runPass();
    const state = JSON.parse(fs.readFileSync(path.join(stateDir, "state.json"), "utf8"));
    expect(state).toMatchObject({ server: base, machineName: "remote-web-01", workspaceId: wsId });
    expect(state.agentToken).toMatch(/^vgl_/);
    expect(fs.statSync(path.join(stateDir, "state.json")).mode & 0o777).toBe(0o600);
    expect(pass.scans).toHaveLength(1);
    expect(pass.scans[0]).toMatchObject({ changeType: "Files", changes: 0, duplicate: false });
    expect(pass.scans[0].baselined).toBeGreaterThanOrEqual(2);
    const m = await t.db.machine.findUniqueOrThrow({ where: { id: state.machineId } });
    expect(m).toMatchObject({ agentKind: "REMOTE", name: "remote-web-01", collectionStatus: expect.stringMatching(/HEALTHY|WARNING/) });
    expect(lines.join("\n")).toMatch(/registered remote-web-01 in contoso-dev-westus2/);
    expect(await changes()).toEqual([]);
  });

  it("reports the folder's changes on the next run (a new process: the state file is reused, no new machine)", async () => {
    fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 8080\n");
    fs.writeFileSync(path.join(dir, "backdoor.sh"), "#!/bin/sh\nnc -l 4444\n");
    fs.rmSync(path.join(dir, "users.txt"));
    const pass = await agent({ token: undefined }).runPass();
    expect(pass.scans[0]).toMatchObject({ changes: 3, duplicate: false });
    expect((await changes()).map((c) => [c.category, path.basename(c.target), c.computer])).toEqual([
      ["Modified", "app.conf", "remote-web-01"],
      ["Added", "backdoor.sh", "remote-web-01"],
      ["Removed", "users.txt", "remote-web-01"],
    ]);
    expect(await t.db.machine.count({ where: { name: "remote-web-01" } })).toBe(1);
    // Uploaded content arrives with the change, for the before/after view.
    const modified = (await changes())[0];
    expect(modified.contentSha256).not.toBeNull();
    expect(await t.db.contentBlob.count({ where: { sha256: modified.contentSha256! } })).toBe(1);
  });

  it("carries the extended attributes over the wire: a capability and a world-writable folder, and its last full verification", async () => {
    const before = new Set((await changes()).map((c) => c.id));
    setAttributeSync(path.join(dir, "backdoor.sh"), "security.capability", Buffer.from("0100000280000000000000000000000000000000", "hex"));
    fs.chmodSync(dir, 0o777);
    const pass = await agent({ token: undefined }).runPass();
    expect(pass.scans[0]).toMatchObject({ changes: 2, duplicate: false });
    const found = (await changes()).filter((c) => !before.has(c.id));
    expect(found.map((c) => [path.basename(c.target), c.fieldsChanged])).toEqual([
      [path.basename(dir), "Acls"],
      ["backdoor.sh", "DateCreated, Capabilities"],
    ]);
    expect(found[0]).toMatchObject({ fileType: "directory", acls: expect.stringMatching(/^drwxrwxrwx /) });
    expect(found[1]).toMatchObject({ capabilities: "cap_setuid=ep", previousCapabilities: null });
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "remote-web-01" } });
    expect(m.lastFullVerificationAt).toBeInstanceOf(Date);
  });

  it("retries 503s and 429 with Retry-After, and a lost answer is resent with the same scan id: no duplicate", async () => {
    fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 9090\n");
    const before = (await changes()).length;
    faults.before = [503, 429];
    faults.retryAfter = "0";
    faults.after = [502]; // the third attempt commits, and its answer is lost
    const posts = scansPosts;
    const pass = await agent().runPass();
    expect(scansPosts - posts).toBe(4);
    expect(pass.scans[0]).toMatchObject({ duplicate: true, changes: 0 }); // the fourth finds it committed
    expect((await changes()).length).toBe(before + 1);
    expect(lines.filter((l) => l.startsWith("retry")).length).toBe(3);
  });

  it("keeps an unacknowledged scan on disk when the server stays down, and resends it first on the next run", async () => {
    fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 7070\n");
    const before = (await changes()).length;
    faults.after = [503, 503, 503];
    await expect(agent({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).runPass()).rejects.toThrow(/gave up after 3 attempts/);
    const pending = JSON.parse(fs.readFileSync(path.join(stateDir, "state.json.pending.json"), "utf8"));
    expect((await changes()).length).toBe(before + 1); // committed on the first attempt; the agent does not know
    const pass = await agent().runPass();
    expect(pass.resent).toBe(1);
    expect(lines.join("\n")).toContain(`${pending.scans[0].scanId} was already stored`);
    expect(fs.existsSync(path.join(stateDir, "state.json.pending.json"))).toBe(false);
    expect(pass.scans[0]).toMatchObject({ changes: 0, duplicate: false });
    expect((await changes()).length).toBe(before + 1);
  });

  it("uploads content again when the server does not hold it as this machine's (content stored before it was scoped)", async () => {
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "remote-web-01" } });
    const appConf = () => t.db.inventoryItem.findFirstOrThrow({ where: { machineId: m.id, itemKey: path.join(dir, "app.conf") } });
    const sha = (await appConf()).contentSha256!;
    await t.db.machineContent.deleteMany({ where: { machineId: m.id } });
    // The unchanged file's hash is carried over without its bytes: refused, so the next pass reads and sends them.
    await agent().runPass();
    expect((await appConf()).contentSha256).toBeNull();
    await agent().runPass();
    expect((await appConf()).contentSha256).toBe(sha);
    expect(await t.db.machineContent.count({ where: { machineId: m.id, sha256: sha } })).toBe(1);
  });

  it("scans nothing while FIM is off, and takes an agent token given directly", async () => {
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "remote-web-01" } });
    const owner = await t.db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
    const direct = await issueToken(t.db, { userId: owner.id, name: "direct", machineId: m.id });
    await t.db.workspace.update({ where: { id: wsId }, data: { fimEnabled: false } });
    try {
      const pass = await agent({ token: direct.token, stateFile: path.join(stateDir, "direct.json") }).runPass();
      expect(pass).toMatchObject({ fimEnabled: false, scans: [] });
      expect(lines.join("\n")).toMatch(/using the agent token of remote-web-01/);
    } finally {
      await t.db.workspace.update({ where: { id: wsId }, data: { fimEnabled: true } });
    }
  });

  it("sends only what moved once the server holds its last scan, and the full inventory when the server's base differs", async () => {
    const a = agent();
    await a.runPass(); // a process's first pass: the full inventory
    expect(lastScans[0].baseScanId).toBeUndefined();
    const firstId = (lastScans[0] as unknown as { scanId: string }).scanId;
    fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 6060\n");
    fs.rmSync(path.join(dir, "backdoor.sh"));
    const seen = new Set((await changes()).map((c) => c.id));
    const pass = await a.runPass();
    expect(lastScans[0]).toMatchObject({ baseScanId: firstId, removed: [{ itemKey: path.join(dir, "backdoor.sh") }] });
    // Of the test folder, the changed file only. (Of the workspace's other entities, the files the pass verified
    // again: their verification time moved.)
    const sent = lastScans[0].entries.map((e) => (e as { itemKey: string }).itemKey);
    expect(sent.filter((k) => k.startsWith(dir))).toEqual([path.join(dir, "app.conf")]);
    expect(pass.scans[0]).toMatchObject({ duplicate: false, discarded: null, delta: sent.length + 1 });
    expect(pass.scans[0].delta).toBeLessThan(pass.scans[0].items);
    const found = (await changes()).filter((c) => !seen.has(c.id));
    expect(found.map((c) => [c.category, path.basename(c.target)])).toEqual([
      ["Modified", "app.conf"],
      ["Removed", "backdoor.sh"],
    ]);

    // Another scan of the machine committed meanwhile (an agent restored from a backup): the delta is refused, the
    // same scan id goes again whole, and nothing is missed.
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "remote-web-01" } });
    await t.db.entityCollectionState.updateMany({ where: { machineId: m.id }, data: { lastScanId: "agent-elsewhere" } });
    fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 5050\n");
    const posts = scansPosts;
    const again = await a.runPass();
    expect(scansPosts - posts).toBe(2);
    expect(lastScans[0].baseScanId).toBeUndefined();
    expect(again.scans[0]).toMatchObject({ discarded: null, delta: null });
    const last = (await changes()).filter((c) => !seen.has(c.id) && !found.some((f) => f.id === c.id));
    expect(last.map((c) => [c.category, path.basename(c.target), c.previousSha256 === found[0].sha256])).toEqual([
      ["Modified", "app.conf", true],
    ]);
    expect(lines.join("\n")).toMatch(/the server asks for the full inventory/);
  });
});
