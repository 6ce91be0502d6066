// Sign-in through better-auth's own HTTP handler on a real database: which addresses may sign in, and the limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { DEMO_PASSWORD } from "./seed/demo-tenant";
import { seedDemoTenant } from "./seed/seed";
import type { Db } from "./db";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("./db", async (orig) => ({ ...(await orig<object>()), getDb: async () => holder.db as Db }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  holder.db = t.db;
  await seedDemoTenant(t.db);
});
afterAll(() => t.drop());

/** A fresh auth instance that reads the environment of the test (the portal builds one per process). */
async function freshAuth() {
  vi.resetModules();
  const { getAuth } = await import("./auth");
  (globalThis as { vigilAuth?: unknown }).vigilAuth = undefined;
  return getAuth();
}

type SignIn = { origin?: string; client?: string; email?: string; password?: string };

/** What the browser's sign-in form sends: same-origin fetch metadata, the page's Origin, the client's address. */
async function signIn(auth: Awaited<ReturnType<typeof freshAuth>>, { origin, client, email, password }: SignIn) {
  const base = origin ?? "http://localhost:3000";
  const headers = new Headers({ "content-type": "application/json", "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" });
  headers.set("origin", base);
  if (client) headers.set("x-forwarded-for", client);
  const res = await auth.handler(
    new Request(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: email ?? "owner@contoso.com", password: password ?? DEMO_PASSWORD }),
    }),
  );
  const body = (await res.json()) as { code?: string; message?: string };
  return { status: res.status, code: body.code, message: body.message, retryAfter: res.headers.get("retry-after") };
}

beforeEach(() => {
  for (const name of [
    "BETTER_AUTH_URL",
    "VIGIL_URL",
    "PORT",
    "VIGIL_TRUSTED_ORIGINS",
    "VIGIL_SIGNIN_RATE_MAX",
    "VIGIL_SIGNIN_ACCOUNT_MAX",
    "VIGIL_TRUSTED_PROXIES",
  ])
    vi.stubEnv(name, undefined);
});

describe("the addresses the portal is served on may sign in", () => {
  it("accepts localhost, 127.0.0.1 and [::1] on the served port in the default local setup, and no other origin", async () => {
    const auth = await freshAuth();
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])
      expect(await signIn(auth, { origin, client: "198.51.100.1" }), origin).toMatchObject({ status: 200 });
    for (const origin of ["http://evil.example", "http://127.0.0.1:4000", "https://localhost:3000", "http://localhost.evil.example:3000"])
      expect(await signIn(auth, { origin, client: "198.51.100.1" }), origin).toMatchObject({ status: 403, code: "INVALID_ORIGIN" });
  });

  it("follows PORT when no public URL is configured", async () => {
    vi.stubEnv("PORT", "3220");
    const auth = await freshAuth();
    expect(await signIn(auth, { origin: "http://127.0.0.1:3220", client: "198.51.100.2" })).toMatchObject({ status: 200 });
    expect(await signIn(auth, { origin: "http://localhost:3000", client: "198.51.100.2" })).toMatchObject({ status: 403 });
  });

  it("accepts the configured public URL, and loopback addresses only when that URL is itself loopback", async () => {
    vi.stubEnv("VIGIL_URL", "https://vigil.example.com");
    const auth = await freshAuth();
    expect(await signIn(auth, { origin: "https://vigil.example.com", client: "198.51.100.3" })).toMatchObject({ status: 200 });
    expect(await signIn(auth, { origin: "http://127.0.0.1:3000", client: "198.51.100.3" })).toMatchObject({ status: 403 });
  });
});

describe("failed sign-ins are limited per account and client", () => {
  const wrong = "not-the-password";

  it("refuses an account to a client after too many failures, even with the right password, and says when to retry", async () => {
    vi.stubEnv("VIGIL_SIGNIN_ACCOUNT_MAX", "3");
    const auth = await freshAuth();
    const attacker = { client: "203.0.113.10", email: "contributor@contoso.com" };
    for (let i = 0; i < 3; i++) expect(await signIn(auth, { ...attacker, password: wrong })).toMatchObject({ status: 401 });
    const refused = await signIn(auth, attacker);
    expect(refused).toMatchObject({ status: 429, code: "TOO_MANY_FAILED_SIGN_INS" });
    expect(refused.message).toMatch(/Try again in \d+ minutes?\./);
    expect(Number(refused.retryAfter)).toBeGreaterThan(60);
    // The address is spelled differently but is the same account.
    expect(await signIn(auth, { ...attacker, email: " Contributor@Contoso.com " })).toMatchObject({ status: 429 });
  });

  it("is no lockout: the same account still signs in from another client, and the client can use other accounts", async () => {
    vi.stubEnv("VIGIL_SIGNIN_ACCOUNT_MAX", "3");
    const auth = await freshAuth();
    for (let i = 0; i < 4; i++) await signIn(auth, { client: "203.0.113.11", email: "reader@contoso.com", password: wrong });
    expect(await signIn(auth, { client: "203.0.113.11", email: "reader@contoso.com" })).toMatchObject({ status: 429 });
    expect(await signIn(auth, { client: "198.51.100.11", email: "reader@contoso.com" })).toMatchObject({ status: 200 });
    expect(await signIn(auth, { client: "203.0.113.11", email: "owner@contoso.com" })).toMatchObject({ status: 200 });
  });

  it("counts failures since the last success", async () => {
    vi.stubEnv("VIGIL_SIGNIN_ACCOUNT_MAX", "3");
    const auth = await freshAuth();
    const user = { client: "203.0.113.12", email: "owner@contoso.com" };
    for (let i = 0; i < 2; i++) await signIn(auth, { ...user, password: wrong });
    expect(await signIn(auth, user)).toMatchObject({ status: 200 });
    for (let i = 0; i < 3; i++) expect(await signIn(auth, { ...user, password: wrong })).toMatchObject({ status: 401 });
    expect(await signIn(auth, user)).toMatchObject({ status: 429 });
  });
});
