import type { IncomingHttpHeaders } from "node:http";
import { describe, it, expect } from "vitest";
import { parseTrustedProxies, trustForwardedHeaders } from "./trusted-proxies";

describe("parseTrustedProxies", () => {
  it("reads addresses and CIDR ranges of both families", () => {
    const proxies = parseTrustedProxies(" 10.0.0.5, 192.168.0.0/24 ,fd00::/8,, ");
    expect(proxies.entries).toEqual(["10.0.0.5", "192.168.0.0/24", "fd00::/8"]);
    expect(["10.0.0.5", "192.168.0.77", "fd00::1", "::ffff:10.0.0.5"].every((a) => proxies.includes(a))).toBe(true);
    expect(["10.0.0.6", "192.168.1.1", "fe80::1", "not-an-ip", ""].some((a) => proxies.includes(a))).toBe(false);
  });

  it("trusts nobody when unset", () => {
    const proxies = parseTrustedProxies(undefined);
    expect(proxies.entries).toEqual([]);
    expect(proxies.includes("127.0.0.1")).toBe(false);
  });

  it.each(["10.0.0", "10.0.0.0/33", "fd00::/129", "10.0.0.0/8/8", "10.0.0.0/x", "proxy.internal", "10.0.0.0/-1"])(
    "refuses %j with the entry in the message",
    (entry) => {
      expect(() => parseTrustedProxies(`10.0.0.5,${entry}`)).toThrow(`"${entry}"`);
    },
  );
});

describe("trustForwardedHeaders", () => {
  const proxies = parseTrustedProxies("10.0.0.5");
  const apply = (headers: IncomingHttpHeaders, peer: string | undefined) => {
    trustForwardedHeaders(headers, peer, proxies);
    return headers;
  };

  it("replaces what a direct client claims with its socket address", () => {
    const headers = apply(
      {
        host: "vigil",
        "x-forwarded-for": "203.0.113.9",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "evil.example",
        "x-real-ip": "1.1.1.1",
      },
      "198.51.100.7",
    );
    expect(headers).toEqual({ host: "vigil", "x-forwarded-for": "198.51.100.7" });
  });

  it("appends a trusted proxy to the chain it forwards and keeps its other headers", () => {
    expect(apply({ "x-forwarded-for": "203.0.113.9, 198.51.100.7", "x-forwarded-proto": "https" }, "10.0.0.5")).toEqual({
      "x-forwarded-for": "203.0.113.9, 198.51.100.7, 10.0.0.5",
      "x-forwarded-proto": "https",
    });
    expect(apply({ "x-forwarded-for": ["203.0.113.9", "198.51.100.7"] }, "::ffff:10.0.0.5")).toEqual({
      "x-forwarded-for": "203.0.113.9, 198.51.100.7, ::ffff:10.0.0.5",
    });
    expect(apply({}, "10.0.0.5")).toEqual({ "x-forwarded-for": "10.0.0.5" });
  });

  it("leaves no forwarded address when the socket has none", () => {
    expect(apply({ "x-forwarded-for": "203.0.113.9" }, undefined)).toEqual({});
  });
});
