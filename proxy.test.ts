// proxy.ts runs before every page: the sign-in gate and the security headers (CSP with a per-request nonce).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config, proxy } from "./proxy";

const SESSION = { cookie: "better-auth.session_token=abc.def" };
const run = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers }));
const runs = (path: string) => unstable_doesMiddlewareMatch({ config, url: path });

describe("proxy: which requests it sees", () => {
  it("runs on every page, sign-in included, and on API routes, not on build assets", () => {
    for (const path of ["/", "/fim", "/sign-in", "/sign-in?next=%2Ffim", "/fim/workspaces/x/settings", "/docs/api", "/settings/tokens"])
      expect(runs(path), path).toBe(true);
    for (const path of ["/api/v1/workspaces", "/api/auth/sign-in/email"]) expect(runs(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/a.js", "/favicon.ico"]) expect(runs(path), path).toBe(false);
  });

  it("answers 400 with the one error body to an address that is not valid percent-encoding, and lets API calls through", async () => {
    for (const path of ["/api/v1/workspaces/%ff", "/api/v1/workspaces/%C0%AE/changes", "/fim/workspaces/%E0%A4%A", "/api/v1/tokens/%"]) {
      const res = run(path);
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: "bad_request" });
      expect(res.headers.get("x-request-id")).toBe(body.error.requestId);
    }
    const ok = run("/api/v1/workspaces/abc");
    expect(ok.headers.get("x-middleware-next")).toBe("1");
    expect(ok.headers.get("content-security-policy")).toBeNull();
  });
});

describe("proxy: security headers of pages", () => {
  it("gives every page a CSP with a fresh nonce, passed on to the render, and the other headers", () => {
    const first = run("/sign-in");
    const second = run("/fim", SESSION);
    for (const res of [first, second]) {
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      // Next.js reads the nonce from the request's CSP; the root layout reads x-nonce for Fluent UI's styles.
      expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    expect(first.headers.get("content-security-policy")).not.toBe(second.headers.get("content-security-policy"));
  });

  it("adds HSTS when the page is served over https", () => {
    const res = run("/fim", { ...SESSION, "x-forwarded-proto": "https" });
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });

  it("sends a page without a session to sign-in, with the headers too", () => {
    const res = run("/fim/workspaces/x?tab=changes");
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get("location") ?? "").searchParams.get("next")).toBe("/fim/workspaces/x?tab=changes");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
