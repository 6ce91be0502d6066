// The web server in front of Next.js decides which client address better-auth's sign-in limit sees. A real socket
// (127.0.0.1) and better-auth's real handler: a client that makes up X-Forwarded-For must still hit the limit.
import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import type { Db } from "@/lib/server/db";
import { parseTrustedProxies } from "@/lib/domain/trusted-proxies";
import { createWebServer } from "./web-server";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/server/db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
});
afterAll(() => t.drop());

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
}

let server: Server | null = null;

/** The web server with better-auth behind it (where Next.js would be), configured from the test's environment. */
async function serve(): Promise<string> {
  vi.resetModules();
  (globalThis as { vigilAuth?: unknown }).vigilAuth = undefined;
  const { getAuth } = await import("@/lib/server/auth");
  const auth = await getAuth();
  server = createWebServer(async (req, res) => {
    const answer = await auth.handler(await toRequest(req));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  }, parseTrustedProxies(process.env.VIGIL_TRUSTED_PROXIES));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = null;
  vi.unstubAllEnvs();
});

let guess = 0;
/** One wrong guess at a different account each time (credential stuffing), claiming to come from `forwardedFor`. */
async function wrongGuess(base: string, forwardedFor: string): Promise<number> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email: `nobody-${++guess}@contoso.com`, password: "not-the-password" }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe("the sign-in limit counts clients by an address they cannot make up", () => {
  it("limits a direct client that sends a new X-Forwarded-For with every attempt", async () => {
    vi.stubEnv("VIGIL_SIGNIN_RATE_MAX", "5");
    const base = await serve();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push(await wrongGuess(base, `203.0.113.${i + 1}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("behind a configured proxy, counts the address the proxy saw, not the one the client claimed", async () => {
    vi.stubEnv("VIGIL_SIGNIN_RATE_MAX", "3");
    vi.stubEnv("VIGIL_TRUSTED_PROXIES", "127.0.0.0/8");
    const base = await serve();
    // The proxy appends the address it received from; whatever the client wrote before that is ignored.
    const attacker: number[] = [];
    for (let i = 0; i < 5; i++) attacker.push(await wrongGuess(base, `10.9.9.${i + 1}, 198.51.100.7`));
    expect(attacker).toEqual([401, 401, 401, 429, 429]);
    // Another client behind the same proxy has its own budget, whatever it claims too.
    expect(await wrongGuess(base, "10.9.9.1, 198.51.100.8")).toBe(401);
  });
});
