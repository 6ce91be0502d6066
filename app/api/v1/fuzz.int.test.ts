// Property-based fuzzing of every operation of the OpenAPI document, through the route handlers, on a real
// database (SQLite; PostgreSQL with TEST_DB=postgres). Requests are derived from the document's own schemas (path
// segments, query, body), mixed with hostile values, and sent by every kind of caller. Every answer must be below
// 500; every refusal the one error body with its request id, a status the document lists, and no change to the data.
//
// `npm run fuzz` runs many more cases (FUZZ_RUNS per operation, on SQLite; `npm run fuzz:pg` on PostgreSQL). A
// failure shows fast-check's shrunk request and its seed (this operation's: the run's seed + 7919 × its index); the
// last lines printed give the run's seed and the command that replays the whole run, since successful requests
// change the database the later ones meet.
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ENDPOINTS } from "@/lib/contracts/api";
import type { AnyEndpoint } from "@/lib/contracts/endpoint";
import { ZErrorBody, ZFieldIssue } from "@/lib/contracts/errors";
import { buildOpenApiDocument } from "@/lib/contracts/openapi";
import type { TAction } from "@/lib/domain/roles";
import { seedDashboardFixture, type DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import type { Db } from "@/lib/server/db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { issueToken } from "@/lib/server/tokens/tokens";
import { fuzzHints, type FuzzTargets } from "@/lib/testing/fuzz/api-hints";
import { dbFingerprint, type DbFingerprint } from "@/lib/testing/fuzz/db-fingerprint";
import { requestArbitrary, type Caller, type DocOperation, type FuzzRequest } from "@/lib/testing/fuzz/request-arbitrary";
import type { JsonSchema } from "@/lib/testing/fuzz/schema-arbitrary";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { loadRoutes, type RouteMethod } from "./route-table";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));

/** Cases per operation: a few in the normal run, many with `npm run fuzz`. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

const ROUTES = await loadRoutes();
const DOC = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, DocOperation & { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, JsonSchema> };
};

/** The error body exactly, nested objects included: no stray field can leak a detail. */
const ZStrictErrorBody = z.strictObject({
  error: ZErrorBody.shape.error.extend({ fields: z.array(ZFieldIssue.strict()).optional() }).strict(),
});

let t: TestDb;
let fx: DashboardFixture;
let targets: FuzzTargets;
const tokens: Partial<Record<Caller, string>> = {};
const ws = { eastus: "", uksouth: "", sandbox: "", fixture: "" };
let before: DbFingerprint;
const rateLimitSetting = process.env.VIGIL_DISABLE_RATE_LIMIT;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
/** Requests sent, and statuses per operation, printed at the end. */
let sent = 0;
const statuses = new Map<string, Map<number, number>>();

beforeAll(async () => {
  process.env.VIGIL_DISABLE_RATE_LIMIT = "1";
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  const prod = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  fx = await seedDashboardFixture(t.db, prod.id, "contoso-fuzz", new Date());
  const idOf = async (name: string) => (await t.db.workspace.findFirstOrThrow({ where: { name } })).id;
  Object.assign(ws, {
    eastus: await idOf("contoso-prod-eastus"),
    uksouth: await idOf("contoso-dev-uksouth"),
    sandbox: await idOf("contoso-sandbox-centralus"),
    fixture: fx.workspaceId,
  });
  targets = { fixture: fx, workspaces: [ws.eastus, ws.uksouth, ws.sandbox] };
  const userId = async (email: string) => (await t.db.user.findUniqueOrThrow({ where: { email } })).id;
  const stranger = await t.db.user.create({ data: { id: "stranger", email: "eve@fabrikam.com", name: "Eve Stranger" } });
  const owner = await userId("owner@contoso.com");
  tokens.owner = (await issueToken(t.db, { userId: owner, name: "owner" })).token;
  tokens.contributor = (await issueToken(t.db, { userId: await userId("contributor@contoso.com"), name: "contributor" })).token;
  tokens.reader = (await issueToken(t.db, { userId: await userId("reader@contoso.com"), name: "reader" })).token;
  tokens.stranger = (await issueToken(t.db, { userId: stranger.id, name: "stranger" })).token;
  tokens.agent = (await issueToken(t.db, { userId: owner, name: "agent", machineId: fx.machines.web })).token;
  tokens.bogus = "vgl_not-a-token";
  before = await dbFingerprint(t.db);
});

afterAll(async () => {
  const table = [...statuses].map(([op, counts]) => `  ${op}: ${[...counts].map(([s, n]) => `${s}×${n}`).join(" ")}`);
  const replay = `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}${process.env.TEST_DB ? ` TEST_DB=${process.env.TEST_DB}` : ""}`;
  console.log(`fuzz: ${sent} requests, ${RUNS} runs per operation, seed ${SEED}\n${table.join("\n")}`);
  console.log(`fuzz: replay with ${replay} npx vitest run app/api/v1/fuzz.int.test.ts`);
  if (rateLimitSetting === undefined) delete process.env.VIGIL_DISABLE_RATE_LIMIT;
  else process.env.VIGIL_DISABLE_RATE_LIMIT = rateLimitSetting;
  await t?.drop();
});

/** Who may succeed at an operation: anyone else must be refused. */
const ACTION_CALLERS: Record<TAction, Caller[]> = {
  "workspace.read": ["owner", "contributor", "reader"],
  "entity.edit": ["owner", "contributor"],
  "change.review": ["owner", "contributor"],
  "alert.edit": ["owner", "contributor"],
  "alert.manage": ["owner"],
  "fim.enable": ["owner"],
  "fim.disable": ["owner"],
  "retention.set": ["owner"],
  "plan.upgrade": ["owner"],
  "query.run": ["owner", "contributor", "reader"],
  "query.save": ["owner", "contributor"],
};
function mayPass(ep: AnyEndpoint, caller: Caller): boolean {
  const a = ep.access;
  if (a.kind === "public") return true;
  if (a.kind === "agent") return caller === "agent";
  if (a.kind === "workspace") return ACTION_CALLERS[a.action].includes(caller);
  // Registering an agent needs an editor's role on the workspace; tokens are anyone's own.
  if (ep.operationId === "registerAgent") return caller === "owner" || caller === "contributor";
  return ["owner", "contributor", "reader", "stranger"].includes(caller);
}

async function send(ep: AnyEndpoint, r: FuzzRequest): Promise<Response> {
  const route = ROUTES.find((x) => x.pattern === ep.path)!;
  const handler = route.mod[ep.method as RouteMethod]!;
  const path = ep.path.replace(/\{(\w+)\}/g, (_, n: string) => r.segments[n]);
  const qs = new URLSearchParams(r.query).toString();
  const url = `http://vigil.test${path}${qs || r.queryTail ? "?" : ""}${qs}${r.queryTail}`;
  const headers = new Headers();
  const token = tokens[r.caller];
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (r.body?.contentType) headers.set("content-type", r.body.contentType);
  const init: RequestInit = { method: ep.method, headers, ...(r.body ? { body: r.body.data } : {}) };
  // As Next does: segments are decoded, and one that is not valid percent-encoding rejects the params.
  const params = new Promise<Record<string, string>>((resolve) =>
    resolve(Object.fromEntries(Object.entries(r.segments).map(([k, v]) => [k, decodeURIComponent(v)]))),
  );
  params.catch(() => undefined);
  sent++;
  return handler(new Request(url, init), { params });
}

async function check(ep: AnyEndpoint, documented: string[], r: FuzzRequest): Promise<void> {
  const res = await send(ep, r);
  const key = `${ep.method} ${ep.path}`;
  const counts = statuses.get(ep.operationId) ?? new Map<number, number>();
  statuses.set(ep.operationId, counts.set(res.status, (counts.get(res.status) ?? 0) + 1));
  // A download that succeeded is its file; everything else is JSON.
  const body: unknown = ep.download && res.status < 400 ? await res.arrayBuffer() : await res.json();
  const after = await dbFingerprint(t.db);
  const previous = before;
  before = after;
  expect(res.status, key).toBeLessThan(500);
  expect(documented, `${key} answered ${res.status}, which its document does not list`).toContain(String(res.status));
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), "Object.prototype was polluted").toEqual(prototypeKeys);
  if (res.status >= 400) {
    const parsed = ZStrictErrorBody.parse(body);
    expect(res.headers.get("x-request-id"), key).toBe(parsed.error.requestId);
    expect(after, `${key} refused with ${res.status} but changed the data`).toEqual(previous);
    // Who calls is settled before anything else is read: no token is 401, the wrong kind of token 403.
    if (ep.access.kind !== "public") {
      if (r.caller === "none" || r.caller === "bogus") expect(res.status, key).toBe(401);
      else if ((r.caller === "agent") !== (ep.access.kind === "agent")) expect(res.status, key).toBe(403);
    }
  } else {
    expect(res.status, key).toBe(ep.status ?? 200);
    expect(mayPass(ep, r.caller), `${key} let ${r.caller} through`).toBe(true);
  }
}

/** Reads first, then edits, then the workspace lifecycle: a disable early would leave the rest little to reach. */
const ORDER = ["GET", "PATCH", "DELETE", "POST"];
const LIFECYCLE = new Set(["upgradePlan", "enableFim", "disableFim"]);
const rank = (ep: AnyEndpoint) => (LIFECYCLE.has(ep.operationId) ? 10 : ORDER.indexOf(ep.method));
const OPERATIONS = [...ENDPOINTS].sort((a, b) => rank(a) - rank(b));

describe("fuzzing every operation of /api/v1", () => {
  OPERATIONS.forEach((ep, index) => {
    it(`${ep.operationId}: ${ep.method} ${ep.path} answers hostile input with a documented 4xx and changes nothing`, async () => {
      const op = DOC.paths[ep.path][ep.method.toLowerCase()];
      const small = ep.operationId === "postAgentScans";
      const arb = requestArbitrary(op, ep.method, {
        components: DOC.components.schemas,
        hints: await fuzzHints(t.db, ep, targets),
        maxLength: small ? 24 : 40,
        maxItems: small ? 2 : 3,
        callerWeights: ep.access.kind === "agent" ? { agent: 8 } : { owner: 3, contributor: 2, reader: 2 },
      });
      const documented = Object.keys(op.responses);
      // Each operation its own seed, derived from the run's: the same draws for every operation would test less.
      await fc.assert(
        fc.asyncProperty(arb, (r) => check(ep, documented, r)),
        { numRuns: RUNS, seed: (SEED + index * 7919) | 0 },
      );
    }, 600_000);
  });
});
