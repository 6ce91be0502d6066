import { describe, it, expect } from "vitest";
import { hasWildcard, isWildcardOnly, matchesLastSegment, splitPattern } from "./wildcard";

describe("matchesLastSegment", () => {
  it("matches * against any run of characters, including none", () => {
    expect(matchesLastSegment("*.conf", "sshd.conf")).toBe(true);
    expect(matchesLastSegment("*.conf", ".conf")).toBe(true);
    expect(matchesLastSegment("*.conf", "sshd.conf.bak")).toBe(false);
    expect(matchesLastSegment("*", "anything at all")).toBe(true);
    expect(matchesLastSegment("a*b*c", "aXXbYYbZc")).toBe(true);
    expect(matchesLastSegment("a*b*c", "aXXbYYbZ")).toBe(false);
  });

  it("matches ? against exactly one character", () => {
    expect(matchesLastSegment("cron.?aily", "cron.daily")).toBe(true);
    expect(matchesLastSegment("file?.ini", "file.ini")).toBe(false);
    expect(matchesLastSegment("file?.ini", "file12.ini")).toBe(false);
  });

  it("is literal for other characters, including regex metacharacters", () => {
    expect(matchesLastSegment("a+b(1).txt", "a+b(1).txt")).toBe(true);
    expect(matchesLastSegment("a.b", "axb")).toBe(false);
    expect(matchesLastSegment("[ab]", "a")).toBe(false);
  });

  it("is case-sensitive unless told otherwise", () => {
    expect(matchesLastSegment("*.INI", "win.ini")).toBe(false);
    expect(matchesLastSegment("*.INI", "win.ini", { caseInsensitive: true })).toBe(true);
  });

  it("lets * match hidden files, so they cannot escape a tracked folder", () => {
    expect(matchesLastSegment("*", ".bashrc")).toBe(true);
  });

  it("gives *.* the Windows meaning (every file) only with windows semantics", () => {
    expect(matchesLastSegment("*.*", "hosts")).toBe(false);
    expect(matchesLastSegment("*.*", "hosts", { windows: true })).toBe(true);
    expect(matchesLastSegment("hosts.*", "HOSTS", { windows: true })).toBe(true);
    expect(matchesLastSegment("*.dll", "kernel32", { windows: true })).toBe(false);
  });

  // A backtracking matcher would take hours here; the linear one answers at once (the test's timeout is the bound).
  it("answers pathological patterns without backtracking", () => {
    const name = "a".repeat(5000);
    expect(matchesLastSegment("*a*a*a*a*a*a*a*b", name)).toBe(false);
    expect(matchesLastSegment("*a*a*a*a*a*a*a*a", name)).toBe(true);
  });
});

describe("splitPattern", () => {
  it("splits a wildcard last segment from its directory", () => {
    expect(splitPattern("/etc/*.conf")).toEqual({ dir: "/etc", pattern: "*.conf" });
    expect(splitPattern("%windir%\\System32\\*.dll")).toEqual({ dir: "%windir%\\System32", pattern: "*.dll" });
  });

  it("keeps the separator of a drive root", () => {
    expect(splitPattern("/*.conf")).toEqual({ dir: "/", pattern: "*.conf" });
    expect(splitPattern("C:\\*.*")).toEqual({ dir: "C:\\", pattern: "*.*" });
    expect(splitPattern("%SystemDrive%\\*.ini")).toEqual({ dir: "%SystemDrive%\\", pattern: "*.ini" });
  });

  it("returns the whole path and no pattern when the last segment has no wildcard", () => {
    expect(splitPattern("/etc/passwd")).toEqual({ dir: "/etc/passwd", pattern: null });
    expect(splitPattern("C:\\Windows")).toEqual({ dir: "C:\\Windows", pattern: null });
  });
});

describe("wildcard predicates", () => {
  it("detects wildcards and wildcard-only segments", () => {
    expect(hasWildcard("a?b")).toBe(true);
    expect(hasWildcard("abc")).toBe(false);
    expect(isWildcardOnly("*.*")).toBe(true);
    expect(isWildcardOnly("**")).toBe(true);
    expect(isWildcardOnly("*.conf")).toBe(false);
    expect(isWildcardOnly("...")).toBe(false);
  });
});
