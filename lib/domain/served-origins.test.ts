import { describe, it, expect } from "vitest";
import { isLoopbackHost, servedOrigins } from "./served-origins";

describe("servedOrigins", () => {
  it("adds every loopback name on the served port when the public URL is a loopback address", () => {
    const expected = ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"];
    expect(servedOrigins("http://localhost:3000", 3000)).toEqual(expected);
    expect(new Set(servedOrigins("http://127.0.0.1:3000/", 3000))).toEqual(new Set(expected));
    expect(new Set(servedOrigins("http://[::1]:3000", 3000))).toEqual(new Set(expected));
  });

  it("keeps the public URL's own origin and adds loopback on the port actually served", () => {
    expect(servedOrigins("http://localhost:8080", 3000)).toEqual([
      "http://localhost:8080",
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
    ]);
  });

  it("accepts only the public URL's origin when the portal has a real name", () => {
    expect(servedOrigins("https://vigil.example.com/", 3000)).toEqual(["https://vigil.example.com"]);
    expect(servedOrigins("http://10.0.0.5:3000", 3000)).toEqual(["http://10.0.0.5:3000"]);
  });

  it("knows loopback names, and not names that merely start like one", () => {
    expect(["localhost", "LOCALHOST", "127.0.0.1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["localhost.evil.example", "127.0.0.2", "::1", "example.com"].some(isLoopbackHost)).toBe(false);
  });
});
