import { describe, expect, it } from "vitest";
import { changeTypesFor, entityKindsFor, intervalMs, isDue } from "./schedule";

describe("collection schedule", () => {
  it("uses Azure's default frequencies", () => {
    expect(intervalMs("Files", "LINUX")).toBe(15 * 60_000);
    expect(intervalMs("Files", "WINDOWS")).toBe(30 * 60_000);
    expect(intervalMs("Registry", "WINDOWS")).toBe(50 * 60_000);
    expect(intervalMs("WindowsServices", "WINDOWS")).toBe(30 * 60_000);
  });

  it("collects services as often as the most frequent tracked service asks", () => {
    expect(intervalMs("WindowsServices", "WINDOWS", [600, 10, 1800])).toBe(10_000);
  });

  it("shortens intervals by the demo time scale, but never below 5 seconds", () => {
    expect(intervalMs("Files", "LINUX", [], 30)).toBe(30_000);
    expect(intervalMs("WindowsServices", "WINDOWS", [10], 30)).toBe(5_000);
  });

  it("reports registry and services only on Windows", () => {
    expect(changeTypesFor("LINUX")).toEqual(["Files"]);
    expect(changeTypesFor("WINDOWS")).toEqual(["Files", "Registry", "WindowsServices"]);
    expect(entityKindsFor("Registry", "LINUX")).toEqual([]);
    expect(entityKindsFor("Files", "LINUX")).toEqual(["LINUX_FILE", "FILE_CONTENT"]);
  });

  it("is due when never scanned or when the interval has passed", () => {
    const now = new Date("2026-11-20T12:00:00Z");
    expect(isDue(null, 60_000, now)).toBe(true);
    expect(isDue(new Date(now.getTime() - 59_000), 60_000, now)).toBe(false);
    expect(isDue(new Date(now.getTime() - 60_000), 60_000, now)).toBe(true);
  });
});
