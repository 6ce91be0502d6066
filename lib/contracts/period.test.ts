import { describe, expect, it } from "vitest";
import { ZChangesQuery } from "./changes";
import { ZPeriodQuery } from "./period";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("the dashboard's query strings", () => {
  it("take a preset, a custom range, or nothing", () => {
    expect(ZPeriodQuery.safeParse({ period: "24h" }).success).toBe(true);
    expect(ZPeriodQuery.safeParse({}).success).toBe(true);
    expect(ZPeriodQuery.safeParse({ from: "2026-05-01T00:00:00Z", to: "2026-05-02T00:00:00.000+02:00" }).success).toBe(true);
  });

  it("name the field that is wrong, with how to fix it", () => {
    expect(issues(ZPeriodQuery.safeParse({ period: "2w" }))).toEqual(["period: Choose a period of 1h, 24h, 7d or 30d."]);
    expect(issues(ZPeriodQuery.safeParse({ from: "2026-05-01T00:00:00Z" }))).toEqual([
      "to: A custom range needs both a start (from) and an end (to).",
    ]);
    expect(issues(ZPeriodQuery.safeParse({ from: "2026-05-02T00:00:00Z", to: "2026-05-01T00:00:00Z" }))).toEqual([
      "to: The end of the range must not be before its start.",
    ]);
    expect(issues(ZPeriodQuery.safeParse({ from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toEqual([
      "to: A custom range can span at most 366 days.",
    ]);
    expect(issues(ZPeriodQuery.safeParse({ from: "May 1st", to: "2026-05-01T00:00:00Z" }))[0]).toMatch(
      /^from: Give the start of the range/,
    );
    // Year 0 answered 500 on PostgreSQL (found by the API fuzz test); an offset can carry a date into it.
    expect(issues(ZPeriodQuery.safeParse({ from: "0000-01-01T00:00:00Z", to: "0000-12-31T00:00:00Z" }))).toEqual([
      "from: A custom range cannot reach before 1970-01-01T00:00:00Z: no change is that old.",
      "to: A custom range cannot reach before 1970-01-01T00:00:00Z: no change is that old.",
    ]);
    expect(issues(ZPeriodQuery.safeParse({ from: "1970-01-01T00:00:00+01:00", to: "1970-01-02T00:00:00Z" }))).toEqual([
      "from: A custom range cannot reach before 1970-01-01T00:00:00Z: no change is that old.",
    ]);
    expect(ZPeriodQuery.safeParse({ from: "1970-01-01T00:00:00Z", to: "1970-01-02T00:00:00Z" }).success).toBe(true);
    expect(ZPeriodQuery.safeParse({ from: "9999-01-01T00:00:00Z", to: "9999-12-31T23:59:59.999Z" }).success).toBe(true);
    expect(issues(ZChangesQuery.safeParse({ changeType: "Software" }))).toEqual([
      "changeType: Choose a change type of Files, Registry or WindowsServices.",
    ]);
    expect(issues(ZChangesQuery.safeParse({ limit: "500" }))).toEqual(["limit: Ask for at most 100 changes a page."]);
    expect(issues(ZChangesQuery.safeParse({ sort: "size" }))).toEqual(["sort: Sort by time, machine, type or category."]);
  });
});
