// Compatibility with Log Analytics' query API: Microsoft's own client (@azure/monitor-query-logs), pointed at Vigil
// by changing only the endpoint and the token, runs a query and reads the answer. The client sends bearer tokens
// only over https, so the route is served with TLS on loopback (a self-signed certificate the client trusts).
import https from "node:https";
import type { AddressInfo } from "node:net";
import { LogsQueryClient, LogsQueryResultStatus } from "@azure/monitor-query-logs";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDashboardFixture, type DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import type { Db } from "@/lib/server/db";
import { issueToken } from "@/lib/server/tokens/tokens";
import { selfSignedCert } from "@/lib/testing/self-signed-cert";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));

const { POST } = await import("./workspaces/[id]/query/route");

let t: TestDb;
let fx: DashboardFixture;
let server: https.Server;
let client: LogsQueryClient;
const now = new Date();

/** Serves POST /api/v1/workspaces/{id}/query through the route handler. */
function serve(cert: { key: string; cert: string }): Promise<https.Server> {
  const s = https.createServer(cert, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "https://127.0.0.1");
      const match = /^\/api\/v1\/workspaces\/([^/]+)\/query$/.exec(url.pathname);
      if (req.method !== "POST" || !match) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const answer = await POST(new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) }), {
        params: Promise.resolve({ id: decodeURIComponent(match[1]) }),
      });
      res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  const tenant = await t.db.tenant.create({ data: { name: "LA client" } });
  const sub = await t.db.subscription.create({ data: { tenantId: tenant.id, name: "LA" } });
  fx = await seedDashboardFixture(t.db, sub.id, "la-client", now);
  const user = await t.db.user.create({ data: { id: "la-reader", email: "reader@la.test", name: "Reader" } });
  await t.db.roleAssignment.create({ data: { userId: user.id, role: "READER", workspaceId: fx.workspaceId } });
  const token = (await issueToken(t.db, { userId: user.id, name: "la client" })).token;
  const cert = selfSignedCert();
  server = await serve(cert);
  const credential: TokenCredential = {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const port = (server.address() as AddressInfo).port;
  client = new LogsQueryClient(credential, {
    endpoint: `https://127.0.0.1:${port}/api/v1`,
    tlsOptions: { ca: cert.cert },
    retryOptions: { maxRetries: 0 },
  });
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

describe("Microsoft's Log Analytics client against Vigil", () => {
  it("runs a query and reads the table, its column types and its rows", async () => {
    const result = await client.queryWorkspace(
      fx.workspaceId,
      "ConfigurationChange | summarize Changes = count(), Last = max(TimeGenerated) by Computer | order by Computer asc",
      { duration: "P30D" },
    );
    expect(result.status).toBe(LogsQueryResultStatus.Success);
    if (result.status !== LogsQueryResultStatus.Success) return;
    const [table] = result.tables;
    expect(table.name).toBe("PrimaryResult");
    expect(table.columnDescriptors).toEqual([
      { name: "Computer", type: "string" },
      { name: "Changes", type: "long" },
      { name: "Last", type: "datetime" },
    ]);
    const expected = await t.db.changeRecord.groupBy({
      by: ["computer"],
      where: { workspaceId: fx.workspaceId, timeGenerated: { gte: new Date(now.getTime() - 30 * 86_400_000) } },
      _count: { _all: true },
      orderBy: { computer: "asc" },
    });
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual(expected.map((g) => [g.computer, g._count._all]));
    expect(table.rows[0][2]).toBeInstanceOf(Date);
  });

  it("passes a start and end time as the interval", async () => {
    const result = await client.queryWorkspace(fx.workspaceId, "ConfigurationChange | count", {
      startTime: new Date(now.getTime() - 2 * 3_600_000),
      endTime: new Date(now.getTime() + 60_000),
    });
    if (result.status !== LogsQueryResultStatus.Success) throw new Error("query failed");
    expect(result.tables[0].rows).toEqual([[2]]);
  });

  it("reports a query Vigil cannot run as the client's error, with the message naming the operator", async () => {
    const failure = await client
      .queryWorkspace(fx.workspaceId, "ConfigurationChange | render timechart", { duration: "P1D" })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ statusCode: 400 });
    expect(String((failure as Error).message)).toContain("render");
  });
});
