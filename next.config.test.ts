// next.config.ts gives API answers the headers that make sense for JSON: no framing, no sniffing, no referrer.
import { describe, expect, it } from "vitest";
import { unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import nextConfig from "./next.config";

const answer = (url: string, headers: Record<string, string> = {}) => unstable_getResponseFromNextConfig({ url, nextConfig, headers });

describe("next.config: security headers of API answers", () => {
  it("sets them on every API route", async () => {
    for (const url of ["http://127.0.0.1:3000/api/v1/workspaces", "http://127.0.0.1:3000/api/auth/get-session"]) {
      const res = await answer(url);
      expect(res.headers.get("content-security-policy"), url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("adds HSTS when the answer goes out over https", async () => {
    const res = await answer("http://127.0.0.1:3000/api/v1/workspaces", { "x-forwarded-proto": "https" });
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });

  it("leaves pages to proxy.ts, which adds a nonce per request", async () => {
    expect((await answer("http://127.0.0.1:3000/fim")).headers.get("content-security-policy")).toBeNull();
  });
});
