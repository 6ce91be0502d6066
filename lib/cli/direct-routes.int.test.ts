// The agent scans route served by the web server directly (no Next.js pipeline): the same answers, headers and
// refusals as under Next.js, on a real database and a real socket; and how the route is found in a build.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_AGENT_BODY_BYTES } from "@/lib/contracts/agent";
import { parseTrustedProxies } from "@/lib/domain/trusted-proxies";
import type { Db } from "@/lib/server/db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { issueToken } from "@/lib/server/tokens/tokens";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { directRoute, loadDirectRoutes, type DirectRoutes } from "./direct-routes";
import { listen, serveWithNextStandIn } from "./web-server-stand-in";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));
const register = await import("@/app/api/v1/agent/register/route");
const scans = await import("@/app/api/v1/agent/scans/route");

let t: TestDb;
let agentToken: string;
let machineId: string;
let entityId: string;
let server: http.Server;
let base: string;
/** What reached the stand-in for Next.js. */
const toNext: string[] = [];

const routes: DirectRoutes = new Map([["POST /api/v1/agent/scans", directRoute("POST", "/api/v1/agent/scans", scans.POST)]]);
const serve = (proxies = parseTrustedProxies(undefined)) => serveWithNextStandIn(routes, toNext, proxies);

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
  const owner = await t.db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
  const userToken = (await issueToken(t.db, { userId: owner.id, name: "direct route test" })).token;
  const ws = await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-eastus" } });
  entityId = (
    await t.db.trackedEntity.create({
      data: { workspaceId: ws.id, kind: "LINUX_FILE", itemName: "app", path: "/srv/app", pathType: "DIRECTORY", recursion: true },
    })
  ).id;
  const reg = await register.POST(
    new Request("http://x/api/v1/agent/register", {
      method: "POST",
      headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
      body: JSON.stringify({ workspace: ws.id, hostname: "direct-route-host", osFamily: "LINUX" }),
    }),
    { params: Promise.resolve({}) },
  );
  ({ agentToken, machineId } = await reg.json());
  server = serve();
  base = await listen(server);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});
afterEach(() => {
  toNext.length = 0;
});

const scanBody = (scanId: string, sha: string) =>
  JSON.stringify({
    scans: [
      {
        scanId,
        changeType: "Files",
        startedAt: new Date(Date.now() - 1000).toISOString(),
        finishedAt: new Date().toISOString(),
        entityIds: [entityId],
        entries: [{ itemKey: "/srv/app/app.conf", entityId, size: 10, sha256: sha, dateModified: "2026-11-20T10:00:00.000Z" }],
        errors: [],
      },
    ],
  });

const postScan = (body: string, extra: Record<string, string> = {}, url = `${base}/api/v1/agent/scans`) =>
  fetch(url, { method: "POST", headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json", ...extra }, body });

const scansOf = () => t.db.scan.count({ where: { machineId } });

describe("the agent scans route served directly", () => {
  it("commits a scan and answers it with the API's headers, the second scan's change counted", async () => {
    const first = await postScan(scanBody("direct-1", "a".repeat(64)));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(first.headers.get("strict-transport-security")).toBeNull(); // plain http
    expect((await first.json()).results[0]).toMatchObject({ scanId: "direct-1", duplicate: false, baselined: 1 });
    const second = await postScan(scanBody("direct-2", "b".repeat(64)));
    expect((await second.json()).results[0]).toMatchObject({ scanId: "direct-2", changes: 1 });
    const again = await postScan(scanBody("direct-2", "b".repeat(64)));
    expect((await again.json()).results[0]).toMatchObject({ duplicate: true, changes: 0 });
    expect(await scansOf()).toBe(2);
    expect(toNext).toEqual([]);
  });

  it("refuses what the route wrapper refuses, with the one error body: no token, bad JSON", async () => {
    const anonymous = await fetch(`${base}/api/v1/agent/scans`, { method: "POST", body: scanBody("direct-x", "c".repeat(64)) });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatchObject({ code: "unauthorized" });
    const broken = await postScan("{ not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatchObject({ code: "bad_request", message: "The request body is not valid JSON." });
    expect(await scansOf()).toBe(2);
  });

  it("answers 413 to a body declared over the limit without reading it, and closes the connection", async () => {
    const answer = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/v1/agent/scans`, {
        method: "POST",
        headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json", "content-length": MAX_AGENT_BODY_BYTES + 10 },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
      });
      req.on("error", reject);
      req.write('{"scans": [');
    });
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe("close");
    expect(JSON.parse(answer.body).error).toMatchObject({ code: "payload_too_large" });
  });

  it("answers 413 to a streamed body that goes over the limit", async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const over = Math.ceil(MAX_AGENT_BODY_BYTES / chunk.length) + 1;
    let sent = 0;
    const res = await fetch(`${base}/api/v1/agent/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json" },
      // A stream: sent chunked, with no length declared.
      body: new ReadableStream({
        pull(controller) {
          if (sent++ < over) controller.enqueue(chunk);
          else controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: "payload_too_large" });
    expect(await scansOf()).toBe(2);
  });

  it("answers nothing to a client that leaves mid-body, commits nothing, and serves the next request", async () => {
    const body = scanBody("direct-gone", "9".repeat(64));
    await new Promise<void>((resolve) => {
      const req = http.request(`${base}/api/v1/agent/scans`, {
        method: "POST",
        headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json", "content-length": body.length },
      });
      req.on("error", () => resolve());
      req.write(body.slice(0, 40), () => req.destroy());
    });
    const next = await postScan(scanBody("direct-after", "8".repeat(64)));
    expect(next.status).toBe(200);
    expect(await t.db.scan.count({ where: { machineId, id: { endsWith: "direct-gone" } } })).toBe(0);
    await t.db.scan.deleteMany({ where: { machineId, id: { endsWith: "direct-after" } } });
  });

  it("answers a request whose Host is not a host name", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/v1/agent/scans`, {
        method: "POST",
        headers: { host: "[bad", "content-type": "application/json" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(401);
  });

  it("leaves every other address and method to Next.js", async () => {
    await postScan(scanBody("direct-q", "d".repeat(64)), {}, `${base}/api/v1/agent/scans?x=1`);
    await fetch(`${base}/api/v1/agent/scans`);
    await fetch(`${base}/api/v1/agent/config`);
    expect(toNext).toEqual(["POST /api/v1/agent/scans?x=1", "GET /api/v1/agent/scans", "GET /api/v1/agent/config"]);
  });

  it("sends HSTS when a trusted proxy says the browser came over https, not when anyone else does", async () => {
    const proxied = serve(parseTrustedProxies("127.0.0.1"));
    const proxiedBase = await listen(proxied);
    try {
      const viaProxy = await postScan(
        scanBody("direct-3", "e".repeat(64)),
        { "x-forwarded-proto": "https" },
        `${proxiedBase}/api/v1/agent/scans`,
      );
      expect(viaProxy.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const direct = await postScan(scanBody("direct-4", "f".repeat(64)), { "x-forwarded-proto": "https" });
      expect(direct.status).toBe(200);
      expect(direct.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await new Promise((resolve) => proxied.close(resolve));
    }
  });
});

describe("finding the direct routes in a build", () => {
  const dists: string[] = [];
  afterAll(() => dists.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  afterEach(() => vi.unstubAllEnvs());

  /** A build folder; with a compiled route module as Next.js writes it, around a handler with the given endpoint. */
  function build(endpoint?: { method: string; path: string; maxBodyBytes?: number }) {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-direct-"));
    dists.push(dist);
    if (!endpoint) return dist;
    const file = path.join(dist, "server/app/api/v1/agent/scans/route.js");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `const POST = async () => new Response("{}"); POST.endpoint = ${JSON.stringify(endpoint)};
      let loaded = false;
      module.exports = { routeModule: { async ensureUserland() { loaded = true; }, get userland() { if (!loaded) throw new Error("not loaded"); return { POST }; } } };`,
    );
    return dist;
  }
  const load = async (dist: string) => {
    const warnings: string[] = [];
    const routes = await loadDirectRoutes(dist, (m) => warnings.push(m));
    return { routes, warnings };
  };

  // These builds hold only the scans route: the dashboard's reads are each left to Next.js, with a warning.
  const dashboardWarnings = ["summary", "machines", "changes"].map((r) =>
    expect.stringMatching(new RegExp(`^GET /api/v1/workspaces/\\{id\\}/${r} is left to Next\\.js: `)),
  );

  it("takes the route wrapper's handler of the build, with its endpoint's body cap", async () => {
    const { routes, warnings } = await load(build({ method: "POST", path: "/api/v1/agent/scans", maxBodyBytes: 1234 }));
    expect(warnings).toEqual(dashboardWarnings);
    expect(routes.get("POST /api/v1/agent/scans")).toMatchObject({ method: "POST", path: "/api/v1/agent/scans", maxBodyBytes: 1234 });
  });

  it("leaves the route to Next.js when the build has no such module, or its handler is another endpoint's", async () => {
    for (const dist of [build(), build({ method: "POST", path: "/api/v1/agent/register" })]) {
      const { routes, warnings } = await load(dist);
      expect(routes.size).toBe(0);
      expect(warnings).toEqual([expect.stringMatching(/^POST \/api\/v1\/agent\/scans is left to Next\.js: /), ...dashboardWarnings]);
    }
  });

  it("serves everything through Next.js when VIGIL_DIRECT_ROUTES=0", async () => {
    vi.stubEnv("VIGIL_DIRECT_ROUTES", "0");
    const { routes, warnings } = await load(build({ method: "POST", path: "/api/v1/agent/scans" }));
    expect(routes.size).toBe(0);
    expect(warnings).toEqual([]);
  });
});
