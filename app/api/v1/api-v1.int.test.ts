// REST API v1, end to end through the route handlers: real tokens, a real database (SQLite, or PostgreSQL with
// TEST_DB=postgres), every endpoint with good and bad input and every role. Each answer is checked against the
// schema the OpenAPI document gives for it, and each error against the one error body.
import { pdfText } from "@/lib/testing/pdf-text";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ENDPOINTS } from "@/lib/contracts/api";
import { ZErrorBody } from "@/lib/contracts/errors";
import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDashboardFixture, type DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import type { Db } from "@/lib/server/db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { issueToken } from "@/lib/server/tokens/tokens";
import { startReceiver, type Receiver } from "@/lib/testing/alert-receiver";
import { parseCsvObjects } from "@/lib/testing/parse-csv";
import { loadRoutes, matchRoute } from "./route-table";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));

const ROUTES = await loadRoutes();

/** Statuses seen per operation, to check at the end that every endpoint met good and bad input. */
const seen = new Map<string, Set<number>>();

/** A JSON answer as the tests read it: any property path or array method; the assertions check the values. */
type JsonBody = string & { [key: string]: JsonBody } & JsonBody[];
/** `file` is the body of a download (CSV or PDF); `body` the JSON of every other answer. */
type Res = { status: number; body: JsonBody; headers: Headers; file?: Buffer };

async function api(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  token?: string | null,
  body?: unknown,
  raw?: string,
): Promise<Res> {
  const u = new URL(url, "http://vigil.test");
  const { route, params } = matchRoute(ROUTES, u.pathname);
  const { pattern, mod } = route;
  const handler = mod[method];
  if (!handler) throw new Error(`${method} ${pattern} is not a route`);
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined || raw !== undefined) headers.set("content-type", "application/json");
  const req = new Request(u, { method, headers, body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined) });
  const res = await handler(req, { params: Promise.resolve(params) });
  const op = ENDPOINTS.find((o) => o.method === method && o.path === pattern)!;
  const key = `${method} ${pattern}`;
  if (op.download && res.status < 400) {
    // A download: the declared type, as an attachment, never cached.
    seen.set(key, new Set([...(seen.get(key) ?? []), res.status]));
    expect(res.status, key).toBe(200);
    expect(res.headers.get("content-type"), key).toMatch(new RegExp(`^${op.download}`));
    expect(res.headers.get("content-disposition"), key).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"$/);
    expect(res.headers.get("cache-control"), key).toBe("no-store");
    return { status: res.status, body: "" as JsonBody, headers: res.headers, file: Buffer.from(await res.arrayBuffer()) };
  }
  const json = await res.json();
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key)!.add(res.status);
  if (res.status >= 400) {
    // The one error body, with the request id also in the header.
    ZErrorBody.strict().parse(json);
    expect(res.headers.get("x-request-id")).toBe(json.error.requestId);
  } else {
    // The answer is what the OpenAPI document says it is.
    expect(res.status, key).toBe(op.status ?? 200);
    const parsed = op.response.safeParse(json);
    expect(parsed.success ? "ok" : JSON.stringify(parsed.error.issues.slice(0, 3)), key).toBe("ok");
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** `status code field` of an error answer, e.g. "422 validation_failed limit". */
const refusal = (r: Res) => [r.status, r.body.error?.code, ...(r.body.error?.fields ?? []).map((f) => f.field)].join(" ");

let t: TestDb;
let fx: DashboardFixture;
let defaultRule = "";
const tok = { owner: "", contributor: "", reader: "", stranger: "", agent: "" };
const ws = { eastus: "", uksouth: "", sandbox: "", fixture: "" };
const now = new Date();

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  const prod = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  fx = await seedDashboardFixture(t.db, prod.id, "contoso-api-tests", now);
  const idOf = async (name: string) => (await t.db.workspace.findFirstOrThrow({ where: { name } })).id;
  Object.assign(ws, {
    eastus: await idOf("contoso-prod-eastus"),
    uksouth: await idOf("contoso-dev-uksouth"),
    sandbox: await idOf("contoso-sandbox-centralus"),
    fixture: fx.workspaceId,
  });
  defaultRule = (await t.db.expectedRule.findFirstOrThrow({ where: { workspaceId: fx.workspaceId, isDefault: true } })).id;
  const userId = async (email: string) => (await t.db.user.findUniqueOrThrow({ where: { email } })).id;
  const stranger = await t.db.user.create({ data: { id: "stranger", email: "eve@fabrikam.com", name: "Eve Stranger" } });
  tok.owner = (await issueToken(t.db, { userId: await userId("owner@contoso.com"), name: "owner" })).token;
  tok.contributor = (await issueToken(t.db, { userId: await userId("contributor@contoso.com"), name: "contributor" })).token;
  tok.reader = (await issueToken(t.db, { userId: await userId("reader@contoso.com"), name: "reader" })).token;
  tok.stranger = (await issueToken(t.db, { userId: stranger.id, name: "stranger" })).token;
  tok.agent = (await issueToken(t.db, { userId: await userId("owner@contoso.com"), name: "agent", machineId: fx.machines.web })).token;
});
afterAll(() => t.drop());

describe("authentication and roles on every endpoint", () => {
  // Each endpoint with valid input; writes target a workspace where the write would succeed for an Owner.
  const endpoints = () =>
    [
      ["GET", `/api/v1/workspaces/${ws.eastus}`, "read"],
      ["POST", `/api/v1/workspaces/${ws.sandbox}/upgrade`, "write"],
      ["POST", `/api/v1/workspaces/${ws.uksouth}/enable`, "write"],
      ["POST", `/api/v1/workspaces/${ws.eastus}/disable`, "write"],
      ["PATCH", `/api/v1/workspaces/${ws.fixture}/settings`, "write", { retentionDays: 90 }],
      ["GET", `/api/v1/workspaces/${ws.eastus}/entities`, "read"],
      ["POST", `/api/v1/workspaces/${ws.fixture}/entities`, "write", { kind: "LINUX_FILE", itemName: "hosts", path: "/etc/hosts" }],
      ["PATCH", `/api/v1/workspaces/${ws.fixture}/entities/ENTITY`, "write", { enabled: false }],
      ["DELETE", `/api/v1/workspaces/${ws.fixture}/entities/ENTITY`, "write"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/machines`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/machines/${fx.machines.web}`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/changes`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/changes/${fx.changes.sshd}`, "read"],
      ["POST", `/api/v1/workspaces/${ws.fixture}/changes/${fx.changes.hosts}/review`, "write", { state: "Unreviewed" }],
      ["POST", `/api/v1/workspaces/${ws.fixture}/changes/review?period=30d`, "write", { state: "Expected", dryRun: true }],
      ["GET", `/api/v1/workspaces/${ws.fixture}/expected-rules`, "read"],
      ["POST", `/api/v1/workspaces/${ws.fixture}/expected-rules`, "write", { name: "deploys", pathPattern: "/srv/*" }],
      ["PATCH", `/api/v1/workspaces/${ws.fixture}/expected-rules/RULE`, "write", { enabled: false }],
      ["DELETE", `/api/v1/workspaces/${ws.fixture}/expected-rules/RULE`, "write"],
      ["POST", `/api/v1/workspaces/${ws.fixture}/expected-rules/preview`, "write", { attribution: "PackageUpdate" }],
      ["GET", `/api/v1/workspaces/${ws.fixture}/summary`, "read"],
      ["POST", `/api/v1/workspaces/${ws.fixture}/query`, "read", { query: "ConfigurationChange | take 1" }],
      ["POST", `/api/v1/workspaces/${ws.fixture}/query/export`, "read", { query: "ConfigurationChange | take 1" }],
      ["GET", `/api/v1/workspaces/${ws.fixture}/audit`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/machines/${fx.machines.web}/changes`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/machines/export`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/changes/export?period=30d&changeType=Files`, "read"],
      ["GET", `/api/v1/workspaces/${ws.fixture}/report`, "read"],
      [
        "POST",
        `/api/v1/workspaces/${ws.fixture}/entities/preview`,
        "write",
        { kind: "LINUX_FILE", path: "/etc/*.conf", pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false },
      ],
    ] as const;

  it("answers 401 without a token or with an unknown one, and 403 to an agent token", async () => {
    for (const url of ["/api/v1/workspaces", "/api/v1/workspaces/export", "/api/v1/tokens"]) {
      expect(refusal(await api("GET", url))).toBe("401 unauthorized");
      expect(refusal(await api("GET", url, "vgl_unknown"))).toBe("401 unauthorized");
      expect(refusal(await api("GET", url, tok.agent))).toBe("403 forbidden");
    }
    expect(refusal(await api("POST", "/api/v1/tokens", null, { name: "x" }))).toBe("401 unauthorized");
    expect(refusal(await api("DELETE", "/api/v1/tokens/whatever"))).toBe("401 unauthorized");
    const entity = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws.fixture } })).id;
    for (const [method, url, , body] of endpoints()) {
      const u = url.replace("ENTITY", entity).replace("RULE", defaultRule);
      expect(refusal(await api(method, u, null, body)), `${method} ${u}`).toBe("401 unauthorized");
      expect(refusal(await api(method, u, tok.agent, body)), `${method} ${u}`).toBe("403 forbidden");
    }
  });

  it("lets a Reader read everything and refuses every write with 403", async () => {
    const entity = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws.fixture } })).id;
    expect((await api("GET", "/api/v1/workspaces", tok.reader)).body.workspaces.every((w) => w.role === "READER")).toBe(true);
    for (const [method, url, kind, body] of endpoints()) {
      const r = await api(method, url.replace("ENTITY", entity).replace("RULE", defaultRule), tok.reader, body);
      expect(kind === "read" ? r.status : refusal(r), `${method} ${url}`).toBe(kind === "read" ? 200 : "403 forbidden");
    }
  });

  it("answers 404 to a user without a role, as if the workspace did not exist", async () => {
    const entity = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws.fixture } })).id;
    expect((await api("GET", "/api/v1/workspaces", tok.stranger)).body).toEqual({ workspaces: [] });
    for (const [method, url, , body] of endpoints()) {
      expect(
        refusal(await api(method, url.replace("ENTITY", entity).replace("RULE", defaultRule), tok.stranger, body)),
        `${method} ${url}`,
      ).toBe("404 not_found");
    }
  });

  it("lets a Contributor edit entities but not change plans or switch FIM", async () => {
    expect(refusal(await api("POST", `/api/v1/workspaces/${ws.sandbox}/upgrade`, tok.contributor))).toBe("403 forbidden");
    expect(refusal(await api("POST", `/api/v1/workspaces/${ws.uksouth}/enable`, tok.contributor, {}))).toBe("403 forbidden");
    expect(refusal(await api("POST", `/api/v1/workspaces/${ws.eastus}/disable`, tok.contributor))).toBe("403 forbidden");
    expect(refusal(await api("PATCH", `/api/v1/workspaces/${ws.fixture}/settings`, tok.contributor, { retentionDays: 60 }))).toBe(
      "403 forbidden",
    );
    const created = await api("POST", `/api/v1/workspaces/${ws.fixture}/entities`, tok.contributor, {
      kind: "LINUX_FILE",
      itemName: "passwd",
      path: "/etc/passwd",
    });
    expect(created.status).toBe(201);
    expect((await api("DELETE", `/api/v1/workspaces/${ws.fixture}/entities/${created.body.id}`, tok.contributor)).body).toEqual({
      id: created.body.id,
      deleted: true,
    });
  });
});

describe("workspaces", () => {
  it("lists the user's workspaces and gets one with the user's role", async () => {
    const list = await api("GET", "/api/v1/workspaces", tok.owner);
    expect(list.body.workspaces.map((w) => w.name)).toContain("contoso-prod-eastus");
    const one = await api("GET", `/api/v1/workspaces/${ws.eastus}`, tok.owner);
    expect(one.body).toMatchObject({ id: ws.eastus, name: "contoso-prod-eastus", role: "OWNER", fimEnabled: true });
    expect((await api("GET", `/api/v1/workspaces/${ws.eastus}`, tok.contributor)).body.role).toBe("CONTRIBUTOR");
  });

  it("shows the retention (90 days by default) and lets an Owner set it from 30 to 730 days", async () => {
    const url = `/api/v1/workspaces/${ws.fixture}/settings`;
    expect((await api("GET", `/api/v1/workspaces/${ws.fixture}`, tok.reader)).body).toMatchObject({
      retentionDays: 90,
      can: { setRetention: false },
    });
    expect((await api("GET", `/api/v1/workspaces/${ws.fixture}`, tok.owner)).body.can.setRetention).toBe(true);
    expect(refusal(await api("PATCH", url, tok.owner, { retentionDays: 29 }))).toBe("422 validation_failed retentionDays");
    expect(refusal(await api("PATCH", url, tok.owner, { retentionDays: 731 }))).toBe("422 validation_failed retentionDays");
    expect(refusal(await api("PATCH", url, tok.owner, { retentionDays: 45.5 }))).toBe("422 validation_failed retentionDays");
    expect((await api("PATCH", url, tok.owner, { retentionDays: 730 })).body).toEqual({ workspaceId: ws.fixture, retentionDays: 730 });
    expect((await api("GET", `/api/v1/workspaces/${ws.fixture}`, tok.reader)).body.retentionDays).toBe(730);
    const audit = await api("GET", `/api/v1/workspaces/${ws.fixture}/audit`, tok.reader);
    expect(audit.body.events[0]).toMatchObject({ action: "retention.set", summary: "Set change data retention to 730 days (was 90)" });
    expect((await api("PATCH", url, tok.owner, { retentionDays: 90 })).body.retentionDays).toBe(90);
    expect(refusal(await api("PATCH", "/api/v1/workspaces/nope/settings", tok.owner, { retentionDays: 90 }))).toBe("404 not_found");
  });

  it("refuses unknown and malformed ids", async () => {
    expect(refusal(await api("GET", "/api/v1/workspaces/nope", tok.owner))).toBe("404 not_found");
    expect(refusal(await api("GET", `/api/v1/workspaces/${"x".repeat(65)}`, tok.owner))).toBe("422 validation_failed id");
    expect(refusal(await api("POST", "/api/v1/workspaces/nope/upgrade", tok.owner))).toBe("404 not_found");
    expect(refusal(await api("POST", "/api/v1/workspaces/nope/enable", tok.owner, {}))).toBe("404 not_found");
    expect(refusal(await api("POST", "/api/v1/workspaces/nope/disable", tok.owner))).toBe("404 not_found");
  });

  it("refuses enabling before the upgrade, upgrades once, then enables with every recommended entity", async () => {
    const enable = () => api("POST", `/api/v1/workspaces/${ws.sandbox}/enable`, tok.owner, {});
    expect((await enable()).body.error.message).toMatch(/Plan 2/);
    const up = await api("POST", `/api/v1/workspaces/${ws.sandbox}/upgrade`, tok.owner);
    expect(up.body).toMatchObject({ plan: "DEFENDER_SERVERS_P2" });
    expect(refusal(await api("POST", `/api/v1/workspaces/${ws.sandbox}/upgrade`, tok.owner))).toBe("409 conflict");
    expect((await enable()).body).toEqual({ workspaceId: ws.sandbox, entities: RECOMMENDED_KEYS.length });
    expect(refusal(await enable())).toBe("409 conflict");
  });

  it("enables with the entities listed, and names a wrong one", async () => {
    const url = `/api/v1/workspaces/${ws.uksouth}/enable`;
    expect(refusal(await api("POST", url, tok.owner, { entities: [RECOMMENDED_KEYS[0], "LINUX_FILE:/nope"] }))).toBe(
      "422 validation_failed entities.1",
    );
    expect(refusal(await api("POST", url, tok.owner, { entities: "all" }))).toBe("422 validation_failed entities");
    expect(refusal(await api("POST", url, tok.owner, undefined, "{entities:"))).toBe("400 bad_request");
    expect((await api("POST", url, tok.owner, { entities: RECOMMENDED_KEYS.slice(0, 3) })).body).toEqual({
      workspaceId: ws.uksouth,
      entities: 3,
    });
    expect(await t.db.trackedEntity.count({ where: { workspaceId: ws.uksouth } })).toBe(3);
  });

  it("disables once, keeping the history", async () => {
    const url = `/api/v1/workspaces/${ws.uksouth}/disable`;
    expect((await api("POST", url, tok.owner)).body).toEqual({ workspaceId: ws.uksouth, removedEntities: 3 });
    expect(refusal(await api("POST", url, tok.owner))).toBe("409 conflict");
  });
});

describe("entities", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}/entities`;

  it("lists entities, filtered by kind", async () => {
    const all = await api("GET", base(), tok.reader);
    expect(all.body).toMatchObject({ workspaceId: ws.fixture, fimEnabled: true, canEdit: false });
    expect(all.body.entities.length).toBeGreaterThanOrEqual(5);
    const linux = await api("GET", `${base()}?kind=LINUX_FILE`, tok.reader);
    expect(linux.body.entities.map((e) => e.kind)).toEqual(["LINUX_FILE", "LINUX_FILE"]);
    expect(refusal(await api("GET", `${base()}?kind=FILES`, tok.reader))).toBe("422 validation_failed kind");
    expect(refusal(await api("GET", "/api/v1/workspaces/nope/entities", tok.reader))).toBe("404 not_found");
  });

  it("creates an entity with its kind's defaults, and refuses bad ones naming the field", async () => {
    const created = await api("POST", base(), tok.owner, { kind: "LINUX_FILE", itemName: "crontab", path: "/etc/crontab" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "LINUX_FILE",
      itemName: "crontab",
      path: "/etc/crontab",
      enabled: true,
      links: "FOLLOW",
      pathType: "FILE",
    });
    expect(refusal(await api("POST", base(), tok.owner, { kind: "LINUX_FILE", itemName: "again", path: "/etc/crontab" }))).toBe(
      "409 conflict path",
    );
    expect(refusal(await api("POST", base(), tok.owner, { kind: "LINUX_FILE", itemName: "no path" }))).toBe("422 validation_failed path");
    expect(refusal(await api("POST", base(), tok.owner, { kind: "LINUX_FILE", itemName: "relative", path: "etc/x" }))).toBe(
      "422 validation_failed path",
    );
    expect(refusal(await api("POST", base(), tok.owner, { kind: "FILE_CONTENT", itemName: "c", path: "/etc/x" }))).toBe(
      "422 validation_failed kind",
    );
    expect(refusal(await api("POST", base(), tok.owner, undefined, "not json"))).toBe("400 bad_request");
    expect(
      refusal(
        await api("POST", `/api/v1/workspaces/${ws.uksouth}/entities`, tok.owner, { kind: "LINUX_FILE", itemName: "x", path: "/etc/x" }),
      ),
    ).toBe("409 conflict");
    expect(
      refusal(await api("POST", "/api/v1/workspaces/nope/entities", tok.owner, { kind: "LINUX_FILE", itemName: "x", path: "/etc/x" })),
    ).toBe("404 not_found");
  });

  it("updates only the fields sent, guarded by version", async () => {
    const e = (await api("GET", `${base()}?kind=WINDOWS_SERVICE`, tok.owner)).body.entities[0];
    const url = `${base()}/${e.id}`;
    expect(refusal(await api("PATCH", url, tok.contributor, { frequencySec: 5 }))).toBe("422 validation_failed frequencySec");
    expect(refusal(await api("PATCH", url, tok.contributor, { kind: "LINUX_FILE" }))).toBe("422 validation_failed kind");
    expect(refusal(await api("PATCH", url, tok.contributor, { enabled: "no" }))).toBe("422 validation_failed enabled");
    expect(refusal(await api("PATCH", url, tok.contributor, undefined, "{"))).toBe("400 bad_request");
    const updated = await api("PATCH", url, tok.contributor, { itemName: "Windows Update service", version: e.updatedAt });
    expect(updated.body).toMatchObject({ id: e.id, itemName: "Windows Update service", path: e.path });
    expect(refusal(await api("PATCH", url, tok.contributor, { itemName: "stale", version: e.updatedAt }))).toBe("409 conflict");
    expect(refusal(await api("PATCH", `${base()}/nope`, tok.contributor, { enabled: false }))).toBe("404 not_found");
  });

  it("deletes an entity once", async () => {
    const e = (await api("GET", `${base()}?kind=LINUX_FILE`, tok.owner)).body.entities.find((x) => x.path === "/etc/crontab")!;
    expect((await api("DELETE", `${base()}/${e.id}`, tok.owner)).body).toEqual({ id: e.id, deleted: true });
    expect(refusal(await api("DELETE", `${base()}/${e.id}`, tok.owner))).toBe("404 not_found");
    // An entity of another workspace is not found under this one.
    const other = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws.eastus } });
    expect(refusal(await api("DELETE", `${base()}/${other.id}`, tok.owner))).toBe("404 not_found");
  });
});

describe("machines", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}/machines`;

  it("lists every machine with its changes in the period", async () => {
    const r = await api("GET", `${base()}?period=7d&sort=name`, tok.reader);
    expect(r.body.rows.map((m) => m.name)).toEqual(["dc-fim-01", "idle-fim-01", "web-fim-01"]);
    expect(r.body.rows.find((m) => m.name === "web-fim-01")).toMatchObject({ total: 3, files: 3 });
    expect(r.body).toMatchObject({ page: 1, pageCount: 1, total: 3 });
    expect((await api("GET", `${base()}?limit=1&page=2&sort=name`, tok.reader)).body.rows[0].name).toBe("idle-fim-01");
    expect(refusal(await api("GET", `${base()}?limit=500`, tok.reader))).toBe("422 validation_failed limit");
    expect(refusal(await api("GET", `${base()}?period=2w`, tok.reader))).toBe("422 validation_failed period");
    expect(refusal(await api("GET", "/api/v1/workspaces/nope/machines", tok.reader))).toBe("404 not_found");
  });

  it("gets one machine with its changes by type", async () => {
    const r = await api("GET", `${base()}/${fx.machines.dc}?period=30d`, tok.reader);
    expect(r.body).toMatchObject({
      id: fx.machines.dc,
      name: "dc-fim-01",
      osFamily: "WINDOWS",
      total: 3,
      files: 1,
      registry: 1,
      services: 1,
    });
    expect(r.body.period.key).toBe("30d");
    expect(refusal(await api("GET", `${base()}/nope`, tok.reader))).toBe("404 not_found");
    const foreign = await t.db.machine.findFirstOrThrow({ where: { workspaceId: ws.eastus } });
    expect(refusal(await api("GET", `${base()}/${foreign.id}`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", `${base()}/${fx.machines.dc}?from=2026-01-01T00:00:00Z`, tok.reader))).toBe("422 validation_failed to");
  });
});

describe("machine states", () => {
  it("says per machine whether it reports, which entities fail and why, or that it is silent", async () => {
    const base = `/api/v1/workspaces/${ws.fixture}/machines`;
    const now = new Date();
    await t.db.machine.update({ where: { id: fx.machines.dc }, data: { lastReportAt: now } });
    await t.db.machine.update({ where: { id: fx.machines.idle }, data: { lastReportAt: new Date(now.getTime() - 86_400_000) } });
    const entity = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws.fixture, kind: "WINDOWS_FILE" } });
    const key = { machineId_entityId: { machineId: fx.machines.dc, entityId: entity.id } };
    const error = "The environment variable %NOPE% is not defined on this machine.";
    await t.db.entityCollectionState.upsert({
      where: key,
      create: { machineId: fx.machines.dc, entityId: entity.id, baselineAt: now, lastScanAt: now, lastError: error },
      update: { lastError: error },
    });
    try {
      const one = await api("GET", `${base}/${fx.machines.dc}`, tok.reader);
      expect(one.body).toMatchObject({ state: "REPORTING_WITH_ERRORS", entityErrors: [{ entity: entity.itemName, error }] });
      const list = await api("GET", `${base}?sort=name`, tok.reader);
      expect(list.body.rows.find((m) => m.name === "idle-fim-01")).toMatchObject({ state: "NOT_REPORTING", entityErrors: [] });
      await t.db.entityCollectionState.update({ where: key, data: { lastError: null } });
      expect((await api("GET", `${base}/${fx.machines.dc}`, tok.reader)).body).toMatchObject({ state: "REPORTING", entityErrors: [] });
    } finally {
      await t.db.entityCollectionState.update({ where: key, data: { lastError: null } });
    }
  });
});

describe("the dashboard", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}`;

  it("summarises the period: machines, totals by type and category, and the timeline", async () => {
    const r = await api("GET", `${base()}/summary?period=30d`, tok.reader);
    expect(r.body).toMatchObject({ machines: 3, period: { key: "30d" } });
    expect(r.body.byType.Files + r.body.byType.Registry + r.body.byType.WindowsServices).toBe(r.body.totalChanges);
    expect(refusal(await api("GET", `${base()}/summary?period=2w`, tok.reader))).toBe("422 validation_failed period");
  });

  it("lists a machine's changes newest first with the query they stand for", async () => {
    const r = await api("GET", `${base()}/machines/${fx.machines.web}/changes?period=7d`, tok.reader);
    expect(r.body.machine).toEqual({ id: fx.machines.web, name: "web-fim-01" });
    expect(r.body.query).toContain('Computer == "web-fim-01"');
    expect(r.body.changes).toHaveLength(3);
    expect(r.body.changes.every((c) => c.computer === "web-fim-01")).toBe(true);
    expect(refusal(await api("GET", `${base()}/machines/nope/changes`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", `${base()}/machines/${fx.machines.web}/changes?cursor=bad!`, tok.reader))).toBe(
      "422 validation_failed cursor",
    );
  });

  it("lists recent activity, and previews a file rule for an editor", async () => {
    const created = await api("POST", `${base()}/entities`, tok.owner, { kind: "LINUX_FILE", itemName: "group", path: "/etc/group" });
    expect(created.status).toBe(201);
    const audit = await api("GET", `${base()}/audit`, tok.reader);
    expect(audit.body.events[0]).toMatchObject({ actorEmail: "owner@contoso.com" });
    const rule = { kind: "LINUX_FILE", path: "/etc/*.conf", pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false };
    expect((await api("POST", `${base()}/entities/preview`, tok.contributor, rule)).status).toBe(200);
    expect(refusal(await api("POST", `${base()}/entities/preview`, tok.contributor, { ...rule, kind: "WINDOWS_SERVICE" }))).toBe(
      "422 validation_failed kind",
    );
  });
});

describe("changes", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}/changes`;
  const targets = (r: Res) => r.body.changes.map((c) => c.target);

  it("lists the period's changes newest first, and pages through them with the cursor", async () => {
    const all = await api("GET", `${base()}?period=7d`, tok.reader);
    expect(all.body.changes).toHaveLength(5);
    expect(all.body.nextCursor).toBeNull();
    const times = all.body.changes.map((c) => c.timeGenerated);
    expect([...times].sort().reverse()).toEqual(times);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Res = await api("GET", `${base()}?period=7d&limit=2${cursor ? `&cursor=${cursor}` : ""}`, tok.reader);
      expect(page.body.changes.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.changes.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.changes.map((c) => c.id));
  });

  it("filters by change type, category, text and time range", async () => {
    expect(targets(await api("GET", `${base()}?period=30d&changeType=Registry`, tok.reader))).toEqual([
      expect.stringMatching(/\\Updater$/),
    ]);
    expect(targets(await api("GET", `${base()}?period=30d&category=Removed`, tok.reader))).toEqual(["/etc/ntp.conf"]);
    expect(targets(await api("GET", `${base()}?period=30d&q=SSHD`, tok.reader))).toEqual(["/etc/ssh/sshd_config"]);
    const from = new Date(now.getTime() - 6 * 3_600_000).toISOString();
    const to = new Date(now.getTime() - 3_600_000).toISOString();
    expect((await api("GET", `${base()}?from=${from}&to=${to}`, tok.reader)).body.changes.map((c) => c.computer)).toEqual(["dc-fim-01"]);
  });

  it("filters by machine id or computer name, with the same paging", async () => {
    const byId = await api("GET", `${base()}?period=7d&machineId=${fx.machines.web}`, tok.reader);
    expect(byId.body.changes).toHaveLength(3);
    expect(byId.body.changes.every((c) => c.machineId === fx.machines.web)).toBe(true);
    const byName = await api("GET", `${base()}?period=30d&computer=DC-FIM-01&changeType=WindowsServices`, tok.reader);
    expect(targets(byName)).toEqual(["wuauserv"]);
    const first = await api("GET", `${base()}?period=7d&machineId=${fx.machines.web}&limit=2`, tok.reader);
    expect(first.body.changes).toHaveLength(2);
    const second = await api("GET", `${base()}?period=7d&machineId=${fx.machines.web}&limit=2&cursor=${first.body.nextCursor}`, tok.reader);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.changes, ...second.body.changes].map((c) => c.id)).toEqual(byId.body.changes.map((c) => c.id));
    expect((await api("GET", `${base()}?period=7d&machineId=${fx.machines.web}&q=new.conf`, tok.reader)).body.changes).toHaveLength(1);
    expect((await api("GET", `${base()}?period=7d&machineId=${fx.machines.idle}`, tok.reader)).body).toMatchObject({
      changes: [],
      nextCursor: null,
    });
  });

  it("refuses bad filters naming the field, and unknown machines", async () => {
    expect(refusal(await api("GET", `${base()}?changeType=Software`, tok.reader))).toBe("422 validation_failed changeType");
    expect(refusal(await api("GET", `${base()}?category=Renamed`, tok.reader))).toBe("422 validation_failed category");
    expect(refusal(await api("GET", `${base()}?limit=0`, tok.reader))).toBe("422 validation_failed limit");
    expect(refusal(await api("GET", `${base()}?limit=ten`, tok.reader))).toBe("422 validation_failed limit");
    expect(refusal(await api("GET", `${base()}?from=yesterday&to=2026-01-01T00:00:00Z`, tok.reader))).toBe("422 validation_failed from");
    expect(refusal(await api("GET", `${base()}?cursor=garbage`, tok.reader))).toBe("422 validation_failed cursor");
    expect(refusal(await api("GET", `${base()}?machineId=${fx.machines.web}&cursor=garbage`, tok.reader))).toBe(
      "422 validation_failed cursor",
    );
    expect(refusal(await api("GET", `${base()}?machineId=a&computer=b`, tok.reader))).toBe("422 validation_failed computer");
    expect(refusal(await api("GET", `${base()}?machineId=nope`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", `${base()}?computer=nope`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", "/api/v1/workspaces/nope/changes", tok.reader))).toBe("404 not_found");
  });

  it("gives a change's details, and 404 for one of another workspace", async () => {
    const r = await api("GET", `${base()}/${fx.changes.sshd}`, tok.reader);
    expect(r.body).toMatchObject({
      id: fx.changes.sshd,
      target: "/etc/ssh/sshd_config",
      category: "Modified",
      content: { status: "diff" },
    });
    expect(refusal(await api("GET", `${base()}/nope`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", `/api/v1/workspaces/${ws.eastus}/changes/${fx.changes.sshd}`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", `${base()}/${"x".repeat(65)}`, tok.reader))).toBe("422 validation_failed changeId");
  });
});

describe("downloads", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}`;
  const csv = (r: Res) => parseCsvObjects(r.file!.toString("utf8"));
  const fileName = (r: Res) => /filename="([^"]+)"/.exec(r.headers.get("content-disposition") ?? "")?.[1];

  it("downloads the Changes tab's rows for its filter as CSV, for every role, named after the filter", async () => {
    for (const query of ["period=30d", "period=30d&category=Modified&q=conf", `period=7d&machineId=${fx.machines.web}`]) {
      const listed = await api("GET", `${base()}/changes?${query}&limit=100`, tok.reader);
      for (const token of [tok.owner, tok.contributor, tok.reader]) {
        const file = await api("GET", `${base()}/changes/export?${query}`, token);
        expect(
          csv(file).map((r) => r.ChangeId),
          query,
        ).toEqual(listed.body.changes.map((c) => c.id));
      }
    }
    const named = await api("GET", `${base()}/changes/export?period=30d&category=Modified&q=conf`, tok.reader);
    expect(fileName(named)).toBe("changes_contoso-api-tests_last-30d_Modified_search-conf.csv");
    expect(csv(named)[0]).toMatchObject({ ConfigChangeType: "Files", ChangeCategory: "Modified", ReviewState: "Unreviewed" });
  });

  it("refuses a bad changes filter naming the field, and an unknown machine or workspace", async () => {
    expect(refusal(await api("GET", `${base()}/changes/export?changeType=Software`, tok.reader))).toBe("422 validation_failed changeType");
    expect(refusal(await api("GET", `${base()}/changes/export?machineId=a&computer=b`, tok.reader))).toBe("422 validation_failed computer");
    expect(refusal(await api("GET", `${base()}/changes/export?from=2026-01-02T00:00:00Z`, tok.reader))).toBe("422 validation_failed to");
    expect(refusal(await api("GET", `${base()}/changes/export?computer=nope`, tok.reader))).toBe("404 not_found");
    expect(refusal(await api("GET", "/api/v1/workspaces/nope/changes/export", tok.reader))).toBe("404 not_found");
  });

  it("downloads the Servers tab's machines and the workspace list as CSV", async () => {
    const machines = await api("GET", `${base()}/machines/export?period=7d&sort=name`, tok.reader);
    const listed = await api("GET", `${base()}/machines?period=7d&sort=name&limit=200`, tok.reader);
    expect(csv(machines).map((m) => m.Computer)).toEqual(listed.body.rows.map((m) => m.name));
    expect(fileName(machines)).toBe("machines_contoso-api-tests_last-7d.csv");
    expect(refusal(await api("GET", `${base()}/machines/export?sort=size`, tok.reader))).toBe("422 validation_failed sort");
    const workspaces = await api("GET", "/api/v1/workspaces/export", tok.reader);
    expect(csv(workspaces).map((w) => w.Name)).toEqual(
      (await api("GET", "/api/v1/workspaces", tok.reader)).body.workspaces.map((w) => w.name),
    );
    expect((await api("GET", "/api/v1/workspaces/export", tok.stranger)).file!.toString("utf8")).toMatch(
      /^Name,Subscription,[^\r\n]*\r\n$/,
    );
  });

  it("downloads the dashboard report of a period as a PDF naming the workspace, and refuses a bad period", async () => {
    const report = await api("GET", `${base()}/report?period=30d`, tok.reader);
    expect(report.file!.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(fileName(report)).toMatch(/^fim-report_contoso-api-tests_last-30d_\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = await pdfText(report.file!);
    expect(text).toContain("contoso-api-tests");
    expect(text).toContain("reader@contoso.com");
    expect(refusal(await api("GET", `${base()}/report?period=2y`, tok.reader))).toBe("422 validation_failed period");
  });
});

describe("review states", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}/changes`;
  const states = async (q: string) =>
    (await api("GET", `${base()}?${q}`, tok.reader)).body.changes.map((c) => `${c.target} ${c.reviewState}`).sort();

  it("starts every change Unreviewed, and lets a Contributor mark one with a comment that Readers see", async () => {
    const before = await api("GET", `${base()}/${fx.changes.sshd}`, tok.reader);
    expect(before.body.review).toEqual({ state: "Unreviewed", at: null, byEmail: null, comment: null });
    expect(before.body.reviewHistory).toEqual([]);
    const set = await api("POST", `${base()}/${fx.changes.sshd}/review`, tok.contributor, { state: "Suspicious", comment: " root login " });
    expect(set.body.review).toMatchObject({ state: "Suspicious", byEmail: "contributor@contoso.com", comment: "root login" });
    expect(set.body.history).toEqual([
      expect.objectContaining({ state: "Suspicious", previousState: "Unreviewed", actorEmail: "contributor@contoso.com", bulk: false }),
    ]);
    const after = await api("GET", `${base()}/${fx.changes.sshd}`, tok.reader);
    expect(after.body).toMatchObject({ reviewState: "Suspicious", review: { state: "Suspicious", comment: "root login" } });
    expect(await states("period=30d&reviewState=Suspicious")).toEqual(["/etc/ssh/sshd_config Suspicious"]);
    await api("POST", `${base()}/${fx.changes.sshd}/review`, tok.owner, { state: "Expected" });
    const history = (await api("GET", `${base()}/${fx.changes.sshd}`, tok.reader)).body.reviewHistory;
    expect(history.map((h) => `${h.previousState}>${h.state} ${h.actorEmail}`)).toEqual([
      "Suspicious>Expected owner@contoso.com",
      "Unreviewed>Suspicious contributor@contoso.com",
    ]);
    const audit = await api("GET", `/api/v1/workspaces/${ws.fixture}/audit`, tok.reader);
    expect([audit.body.events[0], audit.body.events[1]].map((e) => `${e.action} ${e.actorEmail} ${e.summary}`)).toEqual([
      "change.review owner@contoso.com Marked a change as Expected",
      "change.review contributor@contoso.com Marked a change as Suspicious",
    ]);
  });

  it("marks every change of a filter at once, counting first on a dry run, and answers how many changed", async () => {
    const filter = `period=7d&machineId=${fx.machines.web}`;
    await api("POST", `${base()}/${fx.changes.sshd}/review`, tok.owner, { state: "Unreviewed" });
    const dry = await api("POST", `${base()}/review?${filter}`, tok.contributor, { state: "Expected", dryRun: true });
    expect(dry.body).toEqual({ state: "Expected", matched: 3, wouldUpdate: 3, updated: 0, dryRun: true });
    expect(await states(`${filter}&reviewState=Expected`)).toEqual([]);
    const done = await api("POST", `${base()}/review?${filter}&q=etc/n`, tok.contributor, { state: "Expected", comment: "deploy 42" });
    expect(done.body).toMatchObject({ matched: 2, updated: 2, dryRun: false });
    expect(await states(filter)).toEqual(["/etc/new.conf Expected", "/etc/ntp.conf Expected", "/etc/ssh/sshd_config Unreviewed"]);
    const again = await api("POST", `${base()}/review?${filter}`, tok.owner, { state: "Expected" });
    expect(again.body).toMatchObject({ matched: 3, updated: 1 });
    // A filter on the state itself: only the Expected ones move, and the count is of those.
    const back = await api("POST", `${base()}/review?period=30d&reviewState=Expected&changeType=Files`, tok.owner, { state: "Suspicious" });
    expect(back.body).toMatchObject({ matched: 3, updated: 3 });
    expect(await states("period=30d&reviewState=Expected")).toEqual([]);
    const details = await api("GET", `${base()}/${fx.changes.newConf}`, tok.reader);
    expect(details.body.reviewHistory.map((h) => `${h.previousState}>${h.state} ${h.bulk} ${h.comment}`)).toEqual([
      "Expected>Suspicious true null",
      "Unreviewed>Expected true deploy 42",
    ]);
    const audit = await api("GET", `/api/v1/workspaces/${ws.fixture}/audit`, tok.reader);
    expect(audit.body.events[0]).toMatchObject({ action: "change.review.bulk", summary: "Marked 3 changes as Suspicious" });
    // The dashboard's "needs a look" counts and the Servers tab follow every review (hourly counts moved with it).
    const summary = await api("GET", `/api/v1/workspaces/${ws.fixture}/summary?period=30d`, tok.reader);
    const listed = async (q: string) => (await api("GET", `${base()}?period=30d&limit=100&${q}`, tok.reader)).body.changes.length;
    for (const state of ["Unreviewed", "Expected", "Suspicious"])
      expect(summary.body.byReview[state], state).toBe(await listed(`reviewState=${state}`));
    expect(summary.body.byReview.Suspicious).toBeGreaterThan(0);
    const servers = await api("GET", `/api/v1/workspaces/${ws.fixture}/machines?period=30d`, tok.reader);
    for (const row of servers.body.rows) expect(row.unreviewed, row.name).toBe(await listed(`reviewState=Unreviewed&machineId=${row.id}`));
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { workspaceId: ws.fixture, action: "change.review.bulk" },
      orderBy: { at: "asc" },
    });
    expect(JSON.parse(event.detailsJson)).toMatchObject({ updated: 2, matched: 2, filter: { machineId: fx.machines.web, q: "etc/n" } });
  });

  it("refuses bad states, comments, filters and unknown changes, naming the field and changing nothing", async () => {
    const one = `${base()}/${fx.changes.hosts}/review`;
    expect(refusal(await api("POST", one, tok.owner, { state: "Fine" }))).toBe("422 validation_failed state");
    expect(refusal(await api("POST", one, tok.owner, {}))).toBe("422 validation_failed state");
    expect(refusal(await api("POST", one, tok.owner, { state: "Expected", comment: "a\u0000b" }))).toBe("422 validation_failed comment");
    expect(refusal(await api("POST", one, tok.owner, { state: "Expected", comment: "x".repeat(1001) }))).toBe(
      "422 validation_failed comment",
    );
    expect(refusal(await api("POST", one, tok.owner, undefined, "{state"))).toBe("400 bad_request");
    expect(refusal(await api("POST", `${base()}/nope/review`, tok.owner, { state: "Expected" }))).toBe("404 not_found");
    expect(
      refusal(await api("POST", `/api/v1/workspaces/${ws.eastus}/changes/${fx.changes.hosts}/review`, tok.owner, { state: "Expected" })),
    ).toBe("404 not_found");
    expect(refusal(await api("POST", `${base()}/${"x".repeat(65)}/review`, tok.owner, { state: "Expected" }))).toBe(
      "422 validation_failed changeId",
    );
    const bulk = (q: string, body: unknown = { state: "Expected" }) => api("POST", `${base()}/review?${q}`, tok.owner, body);
    expect(refusal(await bulk("changeType=Software"))).toBe("422 validation_failed changeType");
    expect(refusal(await bulk("reviewState=Maybe"))).toBe("422 validation_failed reviewState");
    expect(refusal(await bulk("from=yesterday&to=2026-01-01T00:00:00Z"))).toBe("422 validation_failed from");
    expect(refusal(await bulk("machineId=a&computer=b"))).toBe("422 validation_failed computer");
    expect(refusal(await bulk("machineId=nope"))).toBe("404 not_found");
    expect(refusal(await bulk("period=7d", { state: "Expected", dryRun: "yes" }))).toBe("422 validation_failed dryRun");
    expect(refusal(await api("POST", `/api/v1/workspaces/nope/changes/review`, tok.owner, { state: "Expected" }))).toBe("404 not_found");
    expect(refusal(await api("GET", `${base()}?reviewState=Maybe`, tok.reader))).toBe("422 validation_failed reviewState");
    expect(refusal(await api("GET", `${base()}?attribution=Tampered`, tok.reader))).toBe("422 validation_failed attribution");
    expect(refusal(await bulk("attribution=Tampered"))).toBe("422 validation_failed attribution");
    expect((await api("GET", `${base()}/${fx.changes.hosts}`, tok.reader)).body.reviewHistory).toEqual([]);
  });
});

describe("expected-change rules", () => {
  const base = () => `/api/v1/workspaces/${ws.fixture}/expected-rules`;

  it("starts every workspace with the Package updates rule, which Readers see and Contributors may edit", async () => {
    const list = await api("GET", base(), tok.reader);
    expect(list.body).toMatchObject({
      canEdit: false,
      rules: [{ name: "Package updates", attribution: "PackageUpdate", isDefault: true, enabled: true, window: { kind: "NONE" } }],
    });
    expect((await api("GET", base(), tok.contributor)).body.canEdit).toBe(true);
    expect(await t.db.expectedRule.count({ where: { workspaceId: ws.eastus, isDefault: true } })).toBe(1);
  });

  it("previews criteria against the last 7 days, then creates, switches off and deletes a rule, each in the audit trail", async () => {
    const criteria = { pathPattern: "/ETC/*", window: { kind: "WEEKLY", days: [0, 1, 2, 3, 4, 5, 6], startMinute: 0, endMinute: 1440 } };
    expect((await api("POST", `${base()}/preview`, tok.contributor, criteria)).body).toMatchObject({ matched: 3, total: 5 });
    expect((await api("POST", `${base()}/preview`, tok.contributor, { changeType: "Registry" })).body).toMatchObject({ matched: 0 });
    const created = await api("POST", base(), tok.contributor, { name: " etc edits ", ...criteria, machineIds: [fx.machines.web] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "etc edits", pathPattern: "/ETC/*", machineIds: [fx.machines.web], enabled: true });
    const off = await api("PATCH", `${base()}/${created.body.id}`, tok.owner, { enabled: false, machineIds: [] });
    expect(off.body).toMatchObject({ enabled: false, machineIds: [], pathPattern: "/ETC/*", window: { kind: "WEEKLY" } });
    expect((await api("DELETE", `${base()}/${created.body.id}`, tok.owner)).body).toEqual({ id: created.body.id, deleted: true });
    expect(refusal(await api("DELETE", `${base()}/${created.body.id}`, tok.owner))).toBe("404 not_found");
    const audit = await api("GET", `/api/v1/workspaces/${ws.fixture}/audit`, tok.reader);
    expect([audit.body.events[0], audit.body.events[1], audit.body.events[2]].map((e) => e.action)).toEqual([
      "rule.delete",
      "rule.update",
      "rule.create",
    ]);
  });

  it("refuses rules without a criterion and bad criteria, naming the field", async () => {
    const create = (body: unknown) => api("POST", base(), tok.owner, body);
    expect(refusal(await create({ name: "everything" }))).toBe("422 validation_failed attribution");
    expect(refusal(await create({ pathPattern: "/etc/*" }))).toBe("422 validation_failed name");
    expect(refusal(await create({ name: "x", pathPattern: "" }))).toBe("422 validation_failed pathPattern");
    expect(refusal(await create({ name: "x", attribution: "Tampered" }))).toBe("422 validation_failed attribution");
    expect(refusal(await create({ name: "x", machineIds: ["nope"] }))).toBe("422 validation_failed machineIds");
    expect(refusal(await create({ name: "x", machineIds: [fx.machines.web, "a/b"] }))).toBe("422 validation_failed machineIds.1");
    const once = { kind: "ONCE", start: "2026-12-05T02:00:00Z", end: "2026-12-05T01:00:00Z" };
    expect(refusal(await create({ name: "x", window: once }))).toBe("422 validation_failed window.end");
    expect(refusal(await create({ name: "x", window: { kind: "WEEKLY", days: [], startMinute: 0, endMinute: 60 } }))).toBe(
      "422 validation_failed window.days",
    );
    expect(refusal(await create({ name: "x", window: { kind: "WEEKLY", days: [1], startMinute: 0, endMinute: 2000 } }))).toBe(
      "422 validation_failed window.endMinute",
    );
    expect(refusal(await create({ name: "x", window: { kind: "MONTHLY" } }))).toBe("422 validation_failed window.kind");
    expect(refusal(await create({ name: "x\u0000", category: "Added" }))).toBe("422 validation_failed name");
    expect(refusal(await api("POST", base(), tok.owner, undefined, "{name"))).toBe("400 bad_request");
    // A patch that would leave the rule matching everything is refused as a whole.
    expect(refusal(await api("PATCH", `${base()}/${defaultRule}`, tok.owner, { attribution: null }))).toBe(
      "422 validation_failed attribution",
    );
    expect(refusal(await api("PATCH", `${base()}/nope`, tok.owner, { enabled: true }))).toBe("404 not_found");
    expect(refusal(await api("PATCH", `/api/v1/workspaces/${ws.eastus}/expected-rules/${defaultRule}`, tok.owner, { enabled: true }))).toBe(
      "404 not_found",
    );
    expect(refusal(await api("POST", `${base()}/preview`, tok.owner, {}))).toBe("422 validation_failed attribution");
    expect(refusal(await api("POST", `/api/v1/workspaces/nope/expected-rules/preview`, tok.owner, { category: "Added" }))).toBe(
      "404 not_found",
    );
    expect(await t.db.expectedRule.count({ where: { workspaceId: ws.fixture } })).toBe(1);
  });

  it("applies a new rule scoped to one machine to its matching Unreviewed changes of the last 7 days, as one bulk review", async () => {
    const changes = `/api/v1/workspaces/${ws.fixture}/changes`;
    const web = `period=7d&machineId=${fx.machines.web}`;
    const states = async () =>
      (await api("GET", `${changes}?${web}`, tok.reader)).body.changes.map((c) => `${c.target} ${c.reviewState}`).sort();
    await api("POST", `${changes}/review?${web}`, tok.owner, { state: "Unreviewed" });
    await api("POST", `${changes}/${fx.changes.ntpRemoved}/review`, tok.owner, { state: "Suspicious" });
    const criteria = { pathPattern: "/etc/*", machineIds: [fx.machines.web] };
    expect((await api("POST", `${base()}/preview`, tok.contributor, criteria)).body).toMatchObject({ matched: 3, unreviewed: 2 });

    const created = await api("POST", base(), tok.contributor, { name: "web etc", ...criteria, applyToRecent: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "web etc", machineIds: [fx.machines.web], markedExpected: 2 });
    // The Suspicious one keeps its state: the rule takes only what nobody has judged.
    expect(await states()).toEqual(["/etc/new.conf Expected", "/etc/ntp.conf Suspicious", "/etc/ssh/sshd_config Expected"]);
    const record = await t.db.changeRecord.findFirstOrThrow({ where: { id: fx.changes.newConf } });
    expect(record).toMatchObject({ reviewRuleId: created.body.id, reviewRuleName: "web etc", reviewedByEmail: "contributor@contoso.com" });
    const history = (await api("GET", `${changes}/${fx.changes.newConf}`, tok.reader)).body.reviewHistory;
    expect(history[0]).toMatchObject({
      previousState: "Unreviewed",
      state: "Expected",
      bulk: true,
      comment: expect.stringContaining("web etc"),
    });
    const audit = await api("GET", `/api/v1/workspaces/${ws.fixture}/audit`, tok.reader);
    expect([audit.body.events[0], audit.body.events[1]].map((e) => `${e.action} ${e.summary}`)).toEqual([
      'change.review.bulk Marked 2 changes as Expected by the rule "web etc"',
      'rule.create Created the expected-change rule "web etc"',
    ]);
    // The dashboard's review counts moved with the records.
    const summary = await api("GET", `/api/v1/workspaces/${ws.fixture}/summary?period=30d`, tok.reader);
    const listed = async (q: string) => (await api("GET", `${changes}?period=30d&limit=100&${q}`, tok.reader)).body.changes.length;
    for (const state of ["Unreviewed", "Expected", "Suspicious"])
      expect(summary.body.byReview[state], state).toBe(await listed(`reviewState=${state}`));
    // Without applyToRecent, recorded changes are left alone.
    const plain = await api("POST", base(), tok.contributor, { name: "dc only", machineIds: [fx.machines.dc], applyToRecent: false });
    expect(plain.body.markedExpected).toBe(0);
    for (const id of [created.body.id, plain.body.id]) await api("DELETE", `${base()}/${id}`, tok.owner);
  });
});

describe("alerts", () => {
  const w = () => `/api/v1/workspaces/${ws.fixture}`;
  let receiver: Receiver;
  let signingKey = "";
  let alertId = "";
  beforeAll(async () => {
    process.env.VIGIL_SECRET_KEY ??= "api-test-storage-key";
    receiver = await startReceiver(() => signingKey);
    const alert = await t.db.alert.create({
      data: {
        workspaceId: ws.fixture,
        ruleName: "sshd watch",
        severity: "High",
        machineId: fx.machines.web,
        computer: "web-01",
        windowStart: now,
        windowEnd: now,
        firstChangeAt: now,
        lastChangeAt: now,
        changeCount: 1,
        changes: { create: [{ changeId: fx.changes.sshd }] },
      },
    });
    alertId = alert.id;
  });
  afterAll(() => receiver.close());

  it("refuses every alert endpoint without a token (401), to an agent (403), to another tenant (404), and writes to a Reader (403)", async () => {
    const calls = [
      ["GET", `${w()}/alerts`, "read"],
      ["GET", `${w()}/alerts/${alertId}`, "read"],
      ["PATCH", `${w()}/alerts/${alertId}`, "write", { status: "Resolved" }],
      ["GET", `${w()}/alert-rules`, "read"],
      ["POST", `${w()}/alert-rules`, "write", { name: "x", severity: "Low" }],
      ["PATCH", `${w()}/alert-rules/nope`, "write", { enabled: false }],
      ["DELETE", `${w()}/alert-rules/nope`, "write"],
      ["GET", `${w()}/destinations`, "read"],
      ["POST", `${w()}/destinations`, "write", { kind: "WEBHOOK", name: "x", url: "https://example.com/hook" }],
      ["PATCH", `${w()}/destinations/nope`, "write", { enabled: false }],
      ["DELETE", `${w()}/destinations/nope`, "write"],
      ["POST", `${w()}/destinations/nope/test`, "write"],
      ["GET", `${w()}/destinations/nope/attempts`, "read"],
    ] as const;
    for (const [method, url, kind, body] of calls) {
      expect(refusal(await api(method, url, null, body)), url).toBe("401 unauthorized");
      expect(refusal(await api(method, url, tok.agent, body)), url).toBe("403 forbidden");
      expect(refusal(await api(method, url, tok.stranger, body)), url).toBe("404 not_found");
      if (kind === "write") expect(refusal(await api(method, url, tok.reader, body)), url).toBe("403 forbidden");
    }
    expect(refusal(await api("GET", "/api/v1/alerts"))).toBe("401 unauthorized");
    expect((await api("GET", "/api/v1/alerts", tok.stranger)).body).toMatchObject({ alerts: [], total: 0, active: 0 });
  });

  it("keeps destinations to the operator's address policy and shows a webhook's key once", async () => {
    const create = (body: object, token = tok.owner) => api("POST", `${w()}/destinations`, token, body);
    const hook = (url: string) => ({ kind: "WEBHOOK", name: "SOC", url });
    expect(refusal(await create(hook("http://169.254.169.254/latest/meta-data")))).toBe("422 validation_failed url");
    delete process.env.VIGIL_ALERT_ALLOW_LOOPBACK;
    expect(refusal(await create(hook(receiver.url)))).toBe("422 validation_failed url");
    process.env.VIGIL_ALERT_ALLOW_LOOPBACK = "1";
    expect(refusal(await create(hook(receiver.url), tok.contributor))).toBe("403 forbidden");
    expect(refusal(await create({ kind: "SYSLOG", name: "siem", host: "10.0.0.5" }))).toBe("422 validation_failed host");
    expect(refusal(await create({ kind: "PAGER", name: "x" }))).toBe("422 validation_failed kind");
    const created = await create(hook(receiver.url));
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.body).toMatchObject({ kind: "WEBHOOK", target: receiver.url, format: "json", hasSecret: true });
    signingKey = created.body.secret;
    expect(signingKey).toMatch(/^whsec_/);
    const listed = await api("GET", `${w()}/destinations`, tok.reader);
    expect(listed.body).toMatchObject({ canManage: false, canTest: false, destinations: [{ id: created.body.id, hasSecret: true }] });
    expect(JSON.stringify(listed.body)).not.toContain(signingKey);

    const test = await api("POST", `${w()}/destinations/${created.body.id}/test`, tok.contributor);
    expect(test.body).toMatchObject({ ok: true, statusCode: 204, error: null });
    expect(receiver.received.at(-1)).toMatchObject({ signatureOk: true, body: { type: "vigil.alert", severity: "Informational" } });
    const log = await api("GET", `${w()}/destinations/${created.body.id}/attempts`, tok.reader);
    expect(log.body.attempts).toMatchObject([{ ok: true, statusCode: 204, test: true, attempt: 1 }]);

    const rotated = await api("PATCH", `${w()}/destinations/${created.body.id}`, tok.owner, { rotateSecret: true, name: "SOC 2" });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(signingKey);
    signingKey = rotated.body.secret;
    expect((await api("POST", `${w()}/destinations/${created.body.id}/test`, tok.owner)).body.ok).toBe(true);

    // A new address: checked as on creation, same kind only; the key stays, the test goes to the new address.
    const readdress = (settings: object, token = tok.owner) => api("PATCH", `${w()}/destinations/${created.body.id}`, token, { settings });
    expect(refusal(await readdress({ kind: "WEBHOOK", url: "http://169.254.169.254/x" }))).toBe("422 validation_failed settings.url");
    expect(refusal(await readdress({ kind: "SYSLOG", host: "127.0.0.1" }))).toBe("422 validation_failed settings.kind");
    expect(refusal(await readdress({ kind: "WEBHOOK", url: `${receiver.url}/moved` }, tok.contributor))).toBe("403 forbidden");
    const before = receiver.received.length;
    const moved = await readdress({ kind: "WEBHOOK", url: `${receiver.url}/moved`, format: "json" });
    expect(moved.body).toMatchObject({
      target: `${receiver.url}/moved`,
      settings: { kind: "WEBHOOK", url: `${receiver.url}/moved`, format: "json" },
    });
    expect(moved.body.secret).toBeNull();
    expect((await api("POST", `${w()}/destinations/${created.body.id}/test`, tok.owner)).body.ok).toBe(true);
    expect(receiver.received.slice(before)).toMatchObject([{ path: "/hook/moved", signatureOk: true }]);
  });

  it("lets an Owner create alert rules and a Contributor edit them, naming the workspace's own destinations only", async () => {
    const dest = (await t.db.destination.findFirstOrThrow({ where: { workspaceId: ws.fixture } })).id;
    const body = { name: "etc", severity: "Medium", pathPattern: "/etc/*", reviewState: "Unreviewed", destinationIds: [dest] };
    expect(refusal(await api("POST", `${w()}/alert-rules`, tok.contributor, body))).toBe("403 forbidden");
    expect(refusal(await api("POST", `${w()}/alert-rules`, tok.owner, { ...body, severity: "Critical" }))).toBe(
      "422 validation_failed severity",
    );
    expect(refusal(await api("POST", `${w()}/alert-rules`, tok.owner, { ...body, destinationIds: ["nope"] }))).toBe(
      "422 validation_failed destinationIds",
    );
    const created = await api("POST", `${w()}/alert-rules`, tok.owner, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, windowMinutes: 15, enabled: true });
    const edited = await api("PATCH", `${w()}/alert-rules/${created.body.id}`, tok.contributor, { windowMinutes: 60, severity: "High" });
    expect(edited.body).toMatchObject({ windowMinutes: 60, severity: "High", pathPattern: "/etc/*" });
    expect((await api("GET", `${w()}/alert-rules`, tok.contributor)).body).toMatchObject({ canCreate: false, canEdit: true });
    expect(refusal(await api("DELETE", `${w()}/alert-rules/${created.body.id}`, tok.contributor))).toBe("403 forbidden");
    expect((await api("DELETE", `${w()}/alert-rules/${created.body.id}`, tok.owner)).body).toEqual({ id: created.body.id, deleted: true });
  });

  it("lists, filters and shows alerts, and keeps who changed their status", async () => {
    const list = await api("GET", `${w()}/alerts?status=Active&q=SSHD`, tok.reader);
    expect(list.body).toMatchObject({
      total: 1,
      active: 1,
      canEdit: false,
      alerts: [{ id: alertId, severity: "High", computer: "web-01" }],
    });
    expect((await api("GET", `${w()}/alerts?severity=Low`, tok.reader)).body.total).toBe(0);
    expect(refusal(await api("GET", `${w()}/alerts?status=Open`, tok.reader))).toBe("422 validation_failed status");
    const all = await api("GET", "/api/v1/alerts", tok.reader);
    expect(all.body.alerts.map((a) => a.workspaceName)).toEqual(["contoso-api-tests"]);
    const one = await api("GET", `${w()}/alerts/${alertId}`, tok.reader);
    expect(one.body.changes.map((c) => c.id)).toEqual([fx.changes.sshd]);
    const resolved = await api("PATCH", `${w()}/alerts/${alertId}`, tok.contributor, { status: "Resolved" });
    expect(resolved.body).toMatchObject({ status: "Resolved", statusChangedBy: "contributor@contoso.com" });
    expect((await api("GET", "/api/v1/alerts", tok.owner)).body.active).toBe(0);
    expect(refusal(await api("GET", `/api/v1/workspaces/${ws.eastus}/alerts/${alertId}`, tok.owner))).toBe("404 not_found");
    const dest = (await t.db.destination.findFirstOrThrow({ where: { workspaceId: ws.fixture } })).id;
    expect((await api("DELETE", `${w()}/destinations/${dest}`, tok.owner)).body).toEqual({ id: dest, deleted: true });
  });
});

describe("saved and recent queries", () => {
  const w = () => `/api/v1/workspaces/${ws.fixture}`;
  const sshd = { name: "sshd changes", query: 'ConfigurationChange\n| where FileSystemPath has "ssh"', timespan: "P7D" };

  it("refuses every query endpoint without a token (401), to an agent (403), to another tenant (404), and saving to a Reader (403)", async () => {
    const calls = [
      ["GET", `${w()}/saved-queries`, "run"],
      ["POST", `${w()}/saved-queries`, "save", { ...sshd, name: "refused" }],
      ["DELETE", `${w()}/saved-queries/nope`, "save"],
      ["GET", `${w()}/recent-queries`, "run"],
      ["POST", `${w()}/recent-queries`, "run", { query: sshd.query, timespan: "PT24H" }],
    ] as const;
    for (const [method, url, action, body] of calls) {
      expect(refusal(await api(method, url, null, body)), url).toBe("401 unauthorized");
      expect(refusal(await api(method, url, tok.agent, body)), url).toBe("403 forbidden");
      expect(refusal(await api(method, url, tok.stranger, body)), url).toBe("404 not_found");
      if (action === "save") expect(refusal(await api(method, url, tok.reader, body)), url).toBe("403 forbidden");
    }
    expect(await t.db.savedQuery.count({ where: { name: "refused" } })).toBe(0);
  });

  it("lets a Contributor save and delete a query that Readers see and run, once per name", async () => {
    const created = await api("POST", `${w()}/saved-queries`, tok.contributor, sshd);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...sshd, description: "", createdBy: "Alex Wilber" });
    expect(refusal(await api("POST", `${w()}/saved-queries`, tok.owner, { ...sshd, query: "ConfigurationData" }))).toBe("409 conflict");
    const asReader = await api("GET", `${w()}/saved-queries`, tok.reader);
    expect(asReader.body.canSave).toBe(false);
    expect(asReader.body.queries.map((q) => q.name)).toEqual(["sshd changes"]);
    expect((await api("GET", `${w()}/saved-queries`, tok.contributor)).body.canSave).toBe(true);
    // Another workspace's id in the path finds nothing: the query belongs to the workspace it was saved in.
    expect(refusal(await api("DELETE", `/api/v1/workspaces/${ws.eastus}/saved-queries/${created.body.id}`, tok.owner))).toBe(
      "404 not_found",
    );
    expect((await api("DELETE", `${w()}/saved-queries/${created.body.id}`, tok.contributor)).body).toEqual({
      id: created.body.id,
      deleted: true,
    });
    expect(refusal(await api("DELETE", `${w()}/saved-queries/${created.body.id}`, tok.contributor))).toBe("404 not_found");
    // Who saved and who deleted it is in the audit trail.
    const trail = await t.db.auditEvent.findMany({ where: { targetId: created.body.id } });
    expect(trail.map((e) => `${e.action} by ${e.actorEmail}`).sort()).toEqual([
      "query.delete by contributor@contoso.com",
      "query.save by contributor@contoso.com",
    ]);
  });

  it("refuses a query without a name, text or valid time range, naming the field", async () => {
    const save = (body: object) => api("POST", `${w()}/saved-queries`, tok.owner, body);
    expect(refusal(await save({ ...sshd, name: " " }))).toBe("422 validation_failed name");
    expect(refusal(await save({ ...sshd, query: "  \n" }))).toBe("422 validation_failed query");
    expect(refusal(await save({ ...sshd, query: "Configuration\u0000Change" }))).toBe("422 validation_failed query");
    expect(refusal(await save({ ...sshd, timespan: "24 hours" }))).toBe("422 validation_failed timespan");
    expect(refusal(await save({ ...sshd, timespan: "P" }))).toBe("422 validation_failed timespan");
    expect(refusal(await api("POST", `${w()}/recent-queries`, tok.reader, { query: "x".repeat(10_001), timespan: "PT1H" }))).toBe(
      "422 validation_failed query",
    );
    expect(refusal(await api("POST", `${w()}/saved-queries`, tok.owner, undefined, "{"))).toBe("400 bad_request");
  });

  it("keeps each user's last 20 queries, newest first, the same query run again moving up", async () => {
    const run = (query: string, token = tok.reader) => api("POST", `${w()}/recent-queries`, token, { query, timespan: "PT24H" });
    for (let i = 1; i <= 22; i++) expect((await run(`ConfigurationChange | take ${i}`)).status).toBe(201);
    await run("ConfigurationChange | take 5");
    await run("ConfigurationData", tok.owner);
    const mine = (await api("GET", `${w()}/recent-queries`, tok.reader)).body.queries.map((q) => q.query);
    expect(mine).toHaveLength(20);
    expect(mine.slice(0, 3)).toEqual(["ConfigurationChange | take 5", "ConfigurationChange | take 22", "ConfigurationChange | take 21"]);
    expect(mine).not.toContain("ConfigurationChange | take 1");
    expect(mine).not.toContain("ConfigurationData");
    expect((await api("GET", `${w()}/recent-queries`, tok.owner)).body.queries.map((q) => q.query)).toEqual(["ConfigurationData"]);
  });
});

describe("logs queries", () => {
  const url = () => `/api/v1/workspaces/${ws.fixture}/query`;

  it("runs a query for every role and answers in Log Analytics' shape", async () => {
    for (const token of [tok.reader, tok.contributor, tok.owner]) {
      const r = await api("POST", url(), token, {
        query: "ConfigurationChange | summarize count() by Computer | order by Computer asc",
        timespan: "P30D",
      });
      expect(r.status).toBe(200);
      expect(r.body.tables[0].name).toBe("PrimaryResult");
      expect(r.body.tables[0].columns).toEqual([
        { name: "Computer", type: "string" },
        { name: "count_", type: "long" },
      ]);
      expect(r.body.tables[0].rows.map((row) => row[0])).toEqual(["dc-fim-01", "web-fim-01"]);
    }
  });

  it("reads only the workspace in the address, whatever the query names", async () => {
    const own = await api("POST", `/api/v1/workspaces/${ws.eastus}/query`, tok.owner, {
      query: `ConfigurationChange | union ConfigurationData | where Computer == "web-fim-01" | count`,
    });
    expect(own.body.tables[0].rows).toEqual([[0]]);
  });

  it("refuses what it cannot run with 400 and where it is, bad timespans and empty queries", async () => {
    const bad = await api("POST", url(), tok.reader, { query: "ConfigurationChange | evaluate bag_unpack(x)" });
    expect(refusal(bad)).toBe("400 bad_request");
    expect(bad.body.error.message).toContain("evaluate");
    expect(bad.body.error.position).toEqual({ line: 1, column: 23, offset: 22, length: 22 });
    expect(refusal(await api("POST", url(), tok.reader, { query: "ConfigurationChange", timespan: "yesterday" }))).toBe("400 bad_request");
    expect(refusal(await api("POST", url(), tok.reader, { query: " " }))).toBe("422 validation_failed query");
    expect(refusal(await api("POST", url(), tok.reader, {}))).toBe("422 validation_failed query");
  });

  it("exports every row of a query as CSV with its columns, and refuses the same queries", async () => {
    const file = await api("POST", `${url()}/export`, tok.reader, {
      query: "ConfigurationChange | where Computer == 'web-fim-01' | project Computer, Size, TimeGenerated | order by TimeGenerated asc",
    });
    const lines = file.file!.toString("utf8").trimEnd().split("\r\n");
    const total = await t.db.changeRecord.count({ where: { workspaceId: ws.fixture, computer: "web-fim-01" } });
    expect(lines[0]).toBe("Computer,Size,TimeGenerated");
    expect(lines.length).toBe(total + 1);
    expect(lines[1]).toMatch(/^web-fim-01,\d*,\d{4}-\d\d-\d\dT/);
    const bad = await api("POST", `${url()}/export`, tok.reader, { query: "ConfigurationChange | render piechart" });
    expect(refusal(bad)).toBe("400 bad_request");
    expect(bad.body.error.position).toMatchObject({ line: 1, column: 23 });
    expect(refusal(await api("POST", `${url()}/export`, tok.stranger, { query: "ConfigurationChange" }))).toBe("404 not_found");
  });
});

describe("tokens", () => {
  it("creates a token whose secret is shown once and works at once", async () => {
    const created = await api("POST", "/api/v1/tokens", tok.contributor, { name: "  ci pipeline ", expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "ci pipeline", expired: false, lastUsedAt: null });
    expect(created.body.token).toMatch(/^vgl_/);
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect((await api("GET", "/api/v1/workspaces", created.body.token)).status).toBe(200);
    const list = await api("GET", "/api/v1/tokens", tok.contributor);
    expect(list.body.tokens.map((x) => x.name)).toContain("ci pipeline");
    expect(JSON.stringify(list.body)).not.toContain("vgl_");
    expect(list.body.tokens.every((x: object) => !("token" in x) && !("tokenHash" in x))).toBe(true);
  });

  it("lists only the user's own user tokens", async () => {
    const names = (await api("GET", "/api/v1/tokens", tok.owner)).body.tokens.map((x) => x.name);
    expect(names).toContain("owner");
    expect(names).not.toContain("agent");
    expect(names).not.toContain("contributor");
  });

  it("creates a token without expiry, but never one that outlives the token creating it", async () => {
    expect((await api("POST", "/api/v1/tokens", tok.owner, { name: "forever" })).body.expiresAt).toBeNull();
    const short = await api("POST", "/api/v1/tokens", tok.owner, { name: "short", expiresInDays: 1 });
    const child = await api("POST", "/api/v1/tokens", short.body.token, { name: "child", expiresInDays: 300 });
    expect(child.body.expiresAt).toBe(short.body.expiresAt);
    expect((await api("POST", "/api/v1/tokens", short.body.token, { name: "child2" })).body.expiresAt).toBe(short.body.expiresAt);
  });

  it("refuses bad input naming the field", async () => {
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, { name: "" }))).toBe("422 validation_failed name");
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, {}))).toBe("422 validation_failed name");
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, { name: "x", expiresInDays: 0 }))).toBe(
      "422 validation_failed expiresInDays",
    );
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, { name: "x", expiresInDays: 1000 }))).toBe(
      "422 validation_failed expiresInDays",
    );
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, { name: "x", expiresInDays: "30" }))).toBe(
      "422 validation_failed expiresInDays",
    );
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, undefined, "{name"))).toBe("400 bad_request");
    expect(refusal(await api("DELETE", `/api/v1/tokens/${"x".repeat(65)}`, tok.owner))).toBe("422 validation_failed id");
  });

  it("revokes the user's own token at once; another user's or an agent token is not found", async () => {
    const created = await api("POST", "/api/v1/tokens", tok.reader, { name: "to revoke" });
    expect(refusal(await api("DELETE", `/api/v1/tokens/${created.body.id}`, tok.owner))).toBe("404 not_found");
    expect(refusal(await api("DELETE", `/api/v1/tokens/${created.body.id}`, tok.stranger))).toBe("404 not_found");
    const agent = await t.db.apiToken.findFirstOrThrow({ where: { name: "agent" } });
    expect(refusal(await api("DELETE", `/api/v1/tokens/${agent.id}`, tok.owner))).toBe("404 not_found");
    expect((await api("DELETE", `/api/v1/tokens/${created.body.id}`, tok.reader)).body).toEqual({ id: created.body.id, revoked: true });
    expect(refusal(await api("GET", "/api/v1/workspaces", created.body.token))).toBe("401 unauthorized");
    expect(refusal(await api("DELETE", `/api/v1/tokens/${created.body.id}`, tok.reader))).toBe("404 not_found");
  });

  it("answers 401 to an expired token", async () => {
    const userId = (await t.db.user.findUniqueOrThrow({ where: { email: "owner@contoso.com" } })).id;
    const old = await issueToken(t.db, { userId, name: "old", expiresAt: new Date(Date.now() - 1000) });
    expect(refusal(await api("GET", "/api/v1/tokens", old.token))).toBe("401 unauthorized");
    const listed = (await api("GET", "/api/v1/tokens", tok.owner)).body.tokens.find((x) => x.id === old.id)!;
    expect(listed.expired).toBe(true);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the token's requests a minute", async () => {
    const saved = { max: process.env.VIGIL_TOKEN_RATE_MAX, off: process.env.VIGIL_DISABLE_RATE_LIMIT };
    const limits = globalThis as unknown as { vigilTokenLimits?: unknown };
    process.env.VIGIL_TOKEN_RATE_MAX = "3";
    delete process.env.VIGIL_DISABLE_RATE_LIMIT;
    limits.vigilTokenLimits = undefined;
    try {
      const userId = (await t.db.user.findUniqueOrThrow({ where: { email: "reader@contoso.com" } })).id;
      const { token } = await issueToken(t.db, { userId, name: "busy" });
      for (let i = 0; i < 3; i++) expect((await api("GET", "/api/v1/workspaces", token)).status).toBe(200);
      const limited = await api("GET", "/api/v1/workspaces", token);
      expect(refusal(limited)).toBe("429 rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      // Another token of the same user has its own budget.
      expect((await api("GET", "/api/v1/workspaces", tok.reader)).status).toBe(200);
    } finally {
      if (saved.max === undefined) delete process.env.VIGIL_TOKEN_RATE_MAX;
      else process.env.VIGIL_TOKEN_RATE_MAX = saved.max;
      if (saved.off !== undefined) process.env.VIGIL_DISABLE_RATE_LIMIT = saved.off;
      limits.vigilTokenLimits = undefined;
    }
  });
});

describe("the OpenAPI document", () => {
  it("is served without a token", async () => {
    const r = await api("GET", "/api/v1/openapi.json");
    expect(r.body.openapi).toBe("3.1.0");
    expect(Object.keys(r.body.paths)).toContain("/api/v1/workspaces/{id}/changes");
  });
});

describe("hostile input", () => {
  const cursorAt = (time: number) => Buffer.from(JSON.stringify(["time", "desc", null, time, "x", 0])).toString("base64url");

  it("refuses a forged cursor whose time is out of range with 422, on every change list", async () => {
    for (const time of [8.64e15 + 1, -1, 1e300]) {
      const c = encodeURIComponent(cursorAt(time));
      expect(refusal(await api("GET", `/api/v1/workspaces/${ws.fixture}/changes?cursor=${c}`, tok.reader))).toBe(
        "422 validation_failed cursor",
      );
      const m = `/api/v1/workspaces/${ws.fixture}/machines/${fx.machines.web}/changes?cursor=${c}`;
      expect(refusal(await api("GET", m, tok.reader))).toBe("422 validation_failed cursor");
    }
  });

  it("refuses NUL and other control characters in names, groups, paths and token names, naming the field", async () => {
    const url = `/api/v1/workspaces/${ws.fixture}/entities`;
    const entity = { kind: "LINUX_FILE", itemName: "hosts", path: "/etc/hosts" };
    expect(refusal(await api("POST", url, tok.owner, { ...entity, itemName: "ho\u0000sts" }))).toBe("422 validation_failed itemName");
    expect(refusal(await api("POST", url, tok.owner, { ...entity, group: "g\u0007" }))).toBe("422 validation_failed group");
    expect(refusal(await api("POST", url, tok.owner, { ...entity, path: "/etc/ho\u0000sts" }))).toBe("422 validation_failed path");
    expect(refusal(await api("POST", "/api/v1/tokens", tok.owner, { name: "ci\u0000" }))).toBe("422 validation_failed name");
    expect(refusal(await api("GET", `/api/v1/workspaces/${ws.fixture}%00/entities`, tok.owner))).toBe("422 validation_failed id");
  });

  it("refuses NUL in search and computer filters, cursors, agent registrations and value names with 422 (a 500 on PostgreSQL)", async () => {
    const nul = encodeURIComponent("a\u0000");
    const changes = `/api/v1/workspaces/${ws.fixture}/changes`;
    expect(refusal(await api("GET", `${changes}?q=${nul}`, tok.reader))).toBe("422 validation_failed q");
    expect(refusal(await api("GET", `${changes}?computer=${nul}`, tok.reader))).toBe("422 validation_failed computer");
    expect(refusal(await api("GET", `/api/v1/workspaces/${ws.fixture}/machines?q=${nul}`, tok.reader))).toBe("422 validation_failed q");
    const forged = Buffer.from(JSON.stringify(["time", "desc", null, Date.now(), "a\u0000", 0])).toString("base64url");
    expect(refusal(await api("GET", `${changes}?cursor=${forged}`, tok.reader))).toBe("422 validation_failed cursor");
    const m = `/api/v1/workspaces/${ws.fixture}/machines/${fx.machines.web}/changes?cursor=${forged}`;
    expect(refusal(await api("GET", m, tok.reader))).toBe("422 validation_failed cursor");
    const agent = { workspace: ws.fixture, hostname: "nul-host", osFamily: "LINUX" };
    expect(refusal(await api("POST", "/api/v1/agent/register", tok.owner, { ...agent, workspace: "\u0000" }))).toBe(
      "422 validation_failed workspace",
    );
    expect(refusal(await api("POST", "/api/v1/agent/register", tok.owner, { ...agent, osVersion: "Debian\u0000" }))).toBe(
      "422 validation_failed osVersion",
    );
    const key = { kind: "WINDOWS_REGISTRY", itemName: "Run", path: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Nul", valueName: "v\u0000" };
    expect(refusal(await api("POST", `/api/v1/workspaces/${ws.fixture}/entities`, tok.owner, key))).toBe("422 validation_failed valueName");
  });

  it("refuses a custom range before 1970 with 422 on every period endpoint (year 0 was a 500 on PostgreSQL)", async () => {
    const range = `from=${encodeURIComponent("0001-01-01T00:00:00+14:00")}&to=0001-01-02T00:00:00Z`;
    const base = `/api/v1/workspaces/${ws.fixture}`;
    for (const p of ["summary", "changes", "machines", `machines/${fx.machines.web}`, `machines/${fx.machines.web}/changes`]) {
      expect(refusal(await api("GET", `${base}/${p}?${range}`, tok.reader)), p).toBe("422 validation_failed from to");
    }
  });

  it("answers 'not found' alike for another tenant's workspace and for one that does not exist", async () => {
    const foreign = await api("POST", `/api/v1/workspaces/${ws.sandbox}/upgrade`, tok.stranger);
    const unknown = await api("POST", `/api/v1/workspaces/no-such-workspace/upgrade`, tok.stranger);
    expect(refusal(foreign)).toBe("404 not_found");
    expect(foreign.body.error.message).toBe(unknown.body.error.message);
  });

  it("refuses a body over the limit with 413 and saves nothing", async () => {
    const url = `/api/v1/workspaces/${ws.fixture}/entities`;
    const before = await t.db.trackedEntity.count({ where: { workspaceId: ws.fixture } });
    const big = { kind: "LINUX_FILE", itemName: "big", path: "/etc/big", group: "x".repeat(300_000) };
    expect(refusal(await api("POST", url, tok.owner, big))).toBe("413 payload_too_large");
    expect(await t.db.trackedEntity.count({ where: { workspaceId: ws.fixture } })).toBe(before);
  });
});

describe("coverage", () => {
  it("met every endpoint with a success and a refusal", () => {
    // The agent endpoints have their own tests (lib/server/agents, e2e/remote-agent.spec.ts).
    for (const op of ENDPOINTS.filter((o) => o.tag !== "Agents")) {
      const key = `${op.method} ${op.path}`;
      const statuses = [...(seen.get(key) ?? [])];
      expect(
        statuses.some((s) => s < 300),
        `${key} succeeded`,
      ).toBe(true);
      if (op.access.kind !== "public") {
        expect(
          statuses.some((s) => s >= 400),
          `${key} refused`,
        ).toBe(true);
        expect(statuses, `${key} without a token`).toContain(401);
      }
    }
  });
});
