import { describe, it, expect } from "vitest";
import { API_SECURITY_HEADERS, newNonce, pageContentSecurityPolicy, pageSecurityHeaders } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));

describe("page security headers", () => {
  it("allows scripts and style elements only from the portal or with this request's nonce", () => {
    const csp = directives(pageContentSecurityPolicy("abc123", { https: false, dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("style-src-elem")).toEqual(["'self'", "'nonce-abc123'"]);
    for (const name of ["script-src", "style-src", "style-src-elem", "default-src", "connect-src"])
      expect(csp.get(name), name).not.toContain("'unsafe-inline'");
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval in development only", () => {
    expect(pageContentSecurityPolicy("n", { https: false, dev: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy("n", { https: true, dev: false })).not.toContain("'unsafe-eval'");
  });

  it("adds HSTS and upgrades insecure requests over https only", () => {
    const https = pageSecurityHeaders("n", { https: true, dev: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(directives(https["Content-Security-Policy"]).has("upgrade-insecure-requests")).toBe(true);
    expect(pageSecurityHeaders("n", { https: false, dev: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("sets the same anti-sniffing, referrer and framing headers as API answers", () => {
    const page = pageSecurityHeaders("n", { https: false, dev: false });
    for (const name of ["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"])
      expect(page[name]).toBe(API_SECURITY_HEADERS[name]);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
