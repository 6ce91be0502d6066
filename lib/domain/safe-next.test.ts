import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { SIGN_IN_FALLBACK, safeNextPath } from "./safe-next";

const PORTAL = "https://vigil.example.com";
/** Where a browser on the portal ends up when it navigates to the returned value. */
const landsOn = (next: string) => new URL(next, PORTAL);

describe("safeNextPath: where sign-in may send the browser", () => {
  it.each([
    ["/fim", "/fim"],
    ["/fim/workspaces/abc/settings?tab=linux-files", "/fim/workspaces/abc/settings?tab=linux-files"],
    ["/fim?period=24h#changes", "/fim?period=24h#changes"],
    ["/settings/tokens", "/settings/tokens"],
    // Encoded slashes stay encoded inside the path: still this portal.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the portal path %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  // Every value here would take a browser off the portal, or is not a path of it.
  it.each([
    ["backslash read as a slash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["slash backslash mixed", "\\/evil.example"],
    ["tab between the slashes", "/\t/evil.example"],
    ["newline between the slashes", "/\n/evil.example"],
    ["carriage return between the slashes", "/\r/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/fim"],
    ["three slashes", "///evil.example"],
    ["dot segment collapsing into //", "/.//evil.example"],
    ["dot-dot segment collapsing into //", "/..//evil.example"],
    ["encoded dot segments", "/%2e%2e//evil.example"],
    ["absolute https URL", "https://evil.example/fim"],
    ["absolute URL of the portal's own host", `${PORTAL}/fim`],
    ["scheme-relative with credentials", "//user@evil.example"],
    ["javascript: URL", "javascript:alert(1)"],
    ["javascript: URL in another case", "JaVaScRiPt:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["leading space", " /fim"],
    ["leading tab", "\t//evil.example"],
    ["relative path", "fim"],
    ["empty", ""],
    ["NUL byte", "/\u0000/evil.example"],
  ])("refuses %s", (_, next) => {
    expect(safeNextPath(next)).toBe(SIGN_IN_FALLBACK);
  });

  it("takes the first of repeated values and falls back without one", () => {
    expect(safeNextPath(["/fim/workspaces/a", "//evil.example"])).toBe("/fim/workspaces/a");
    expect(safeNextPath(["//evil.example", "/fim"])).toBe(SIGN_IN_FALLBACK);
    expect(safeNextPath(undefined)).toBe(SIGN_IN_FALLBACK);
  });

  it("never returns anything that leaves the portal, whatever the input", () => {
    const piece = fc.constantFrom(
      "/",
      "\\",
      "\t",
      "\n",
      "\r",
      ".",
      "..",
      "%2f",
      "%5c",
      "%09",
      ":",
      "@",
      "evil.example",
      "fim",
      "?",
      "#",
      " ",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((parts) => parts.join("")),
        (next) => {
          const result = safeNextPath(next);
          expect(landsOn(result).origin).toBe(PORTAL);
          // What the browser is given is a plain path: the same value however often it is resolved again.
          expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
          expect(result).not.toMatch(/[\\\u0000-\u001f]/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
