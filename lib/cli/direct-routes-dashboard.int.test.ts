// The dashboard's reads served by the web server directly (no Next.js pipeline): the answers their route handlers give,
// path parameters and query string included, compressed for a client that takes gzip; anything else goes to Next.js.
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/server/db";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { issueToken } from "@/lib/server/tokens/tokens";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { directRoute, type DirectRoutes } from "./direct-routes";
import { listen, serveWithNextStandIn } from "./web-server-stand-in";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));
const reads = {
  summary: await import("@/app/api/v1/workspaces/[id]/summary/route"),
  machines: await import("@/app/api/v1/workspaces/[id]/machines/route"),
  changes: await import("@/app/api/v1/workspaces/[id]/changes/route"),
};

let t: TestDb;
let server: http.Server;
let base: string;
let token: string;
let workspaceId: string;
/** What reached the stand-in for Next.js. */
const toNext: string[] = [];
// A fixed range, so that an answer does not move with the clock between two reads.
const RANGE = "from=2026-11-01T00:00:00.000Z&to=2026-12-01T00:00:00.000Z";

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  const owner = await t.db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
  token = (await issueToken(t.db, { userId: owner.id, name: "direct dashboard test" })).token;
  workspaceId = (await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-eastus" } })).id;
  await generateFleet(t.db, {
    workspaceId,
    machines: 4,
    records: 300,
    days: 20,
    now: new Date("2026-11-28T00:00:00Z"),
    seed: 3,
    maxScanChanges: 5,
  });
  const routes: DirectRoutes = new Map(
    Object.entries(reads).map(([name, mod]) => {
      const p = `/api/v1/workspaces/{id}/${name}`;
      return [`GET ${p}`, directRoute("GET", p, mod.GET)];
    }),
  );
  server = serveWithNextStandIn(routes, toNext);
  base = await listen(server);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});
afterEach(() => {
  toNext.length = 0;
});

const auth = () => ({ authorization: `Bearer ${token}`, accept: "application/json" });

/** The handler's own answer, as Next.js would have it run. */
async function handlerAnswer(name: keyof typeof reads, id: string, query: string) {
  const res = await reads[name].GET(new Request(`http://x/api/v1/workspaces/${id}/${name}?${query}`, { headers: auth() }), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: await res.json() };
}

/** A raw GET: the status, headers and bytes as sent. */
function rawGet(pathAndQuery: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${pathAndQuery}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("the dashboard's reads served directly", () => {
  it("answer as their handlers do, with the path's workspace and the query string, without Next.js", async () => {
    for (const name of Object.keys(reads) as (keyof typeof reads)[]) {
      for (const query of [RANGE, `${RANGE}&changeType=Files`, "period=30d&limit=2"]) {
        if (name !== "changes" && query.includes("changeType")) continue;
        const res = await fetch(`${base}/api/v1/workspaces/${workspaceId}/${name}?${query}`, { headers: auth() });
        const expected = await handlerAnswer(name, workspaceId, query);
        expect(res.status, `${name}?${query}`).toBe(expected.status);
        const body = await res.json();
        if (query.startsWith("period")) expect(Object.keys(body)).toEqual(Object.keys(expected.body));
        else expect(body, `${name}?${query}`).toEqual(expected.body);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      }
    }
    const summary = await (await fetch(`${base}/api/v1/workspaces/${workspaceId}/summary?${RANGE}`, { headers: auth() })).json();
    expect(summary.totalChanges).toBeGreaterThan(0);
    expect(toNext).toEqual([]);
  });

  it("refuse what the route wrapper refuses: no session, another tenant's workspace, a bad query", async () => {
    const anonymous = await fetch(`${base}/api/v1/workspaces/${workspaceId}/summary`);
    expect(anonymous.status).toBe(401);
    const unknown = await fetch(`${base}/api/v1/workspaces/not-a-workspace/changes`, { headers: auth() });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: "not_found" });
    const badQuery = await fetch(`${base}/api/v1/workspaces/${workspaceId}/machines?period=3y`, { headers: auth() });
    expect(badQuery.status).toBe(422);
    expect(toNext).toEqual([]);
  });

  it("compress an answer for a client that takes gzip, and only for it", async () => {
    const path = `/api/v1/workspaces/${workspaceId}/changes?${RANGE}`;
    const gzipped = await rawGet(path, { ...auth(), "accept-encoding": "gzip, deflate" });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(gzipped.headers["content-length"])).toBe(gzipped.body.length);
    const plain = await rawGet(path, auth());
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(gzipped.body.length);
    expect(JSON.parse(zlib.gunzipSync(gzipped.body).toString("utf8"))).toEqual(JSON.parse(plain.body.toString("utf8")));
  });

  it("leave a malformed parameter, a trailing slash, another path or method to Next.js", async () => {
    await fetch(`${base}/api/v1/workspaces/%E0%A4%A/summary`, { headers: auth() });
    await fetch(`${base}/api/v1/workspaces/${workspaceId}/summary/`, { headers: auth(), redirect: "manual" });
    await fetch(`${base}/api/v1/workspaces/${workspaceId}/changes/some-change`, { headers: auth() });
    await fetch(`${base}/api/v1/workspaces/${workspaceId}/summary`, { method: "POST", headers: auth() });
    expect(toNext).toEqual([
      "GET /api/v1/workspaces/%E0%A4%A/summary",
      `GET /api/v1/workspaces/${workspaceId}/summary/`,
      `GET /api/v1/workspaces/${workspaceId}/changes/some-change`,
      `POST /api/v1/workspaces/${workspaceId}/summary`,
    ]);
  });
});
