import { describe, expect, it } from "vitest";
import { bucketMs, bucketStarts, periodFromSearch, periodParams, resolveRange, type DashboardPeriod } from "./dashboard-period";

const now = new Date("2026-05-10T12:34:56.789Z");
const search = (q: string) => new URLSearchParams(q);

describe("dashboard period", () => {
  it("reads the URL leniently: presets, custom ranges, and the 7-day default for anything else", () => {
    expect(periodFromSearch(search("period=24h"))).toEqual({ preset: "24h" });
    expect(periodFromSearch(search(""))).toEqual({ preset: "7d" });
    expect(periodFromSearch(search("period=2y"))).toEqual({ preset: "7d" });
    expect(periodFromSearch(search("from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z"))).toEqual({
      from: new Date("2026-05-01T00:00:00Z"),
      to: new Date("2026-05-02T00:00:00Z"),
    });
    // Reversed, unparsable or too long ranges fall back to the preset.
    expect(periodFromSearch(search("from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z&period=1h"))).toEqual({ preset: "1h" });
    expect(periodFromSearch(search("from=yesterday&to=today"))).toEqual({ preset: "7d" });
    expect(periodFromSearch(search("from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"))).toEqual({ preset: "7d" });
  });

  it("writes back what it reads", () => {
    const custom: DashboardPeriod = { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-05-02T00:00:00Z") };
    expect(periodFromSearch(search(new URLSearchParams(periodParams(custom)).toString()))).toEqual(custom);
    expect(periodParams({ preset: "30d" })).toEqual({ period: "30d" });
  });

  it("resolves a preset as KQL's ago(): after now minus the span, with no upper bound", () => {
    expect(resolveRange({ preset: "1h" }, now)).toEqual({ from: new Date("2026-05-10T11:34:56.789Z"), fromExclusive: true, to: null });
    const custom = { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-05-02T00:00:00Z") };
    expect(resolveRange(custom, now)).toEqual({ ...custom, fromExclusive: false });
  });

  it("buckets 5 minutes for an hour, an hour for a day, 6 hours for a week, a day for 30 days", () => {
    expect(bucketMs({ preset: "1h" })).toBe(300_000);
    expect(bucketMs({ preset: "24h" })).toBe(3_600_000);
    expect(bucketMs({ preset: "7d" })).toBe(6 * 3_600_000);
    expect(bucketMs({ preset: "30d" })).toBe(86_400_000);
    expect(bucketMs({ from: new Date(0), to: new Date(3 * 3_600_000) })).toBe(300_000);
    expect(bucketMs({ from: new Date(0), to: new Date(90 * 86_400_000) })).toBe(7 * 86_400_000);
  });

  it("aligns buckets to the epoch and covers the range to now", () => {
    const range = resolveRange({ preset: "1h" }, now);
    const starts = bucketStarts(range, 300_000, now);
    expect(new Date(starts[0]).toISOString()).toBe("2026-05-10T11:30:00.000Z");
    expect(new Date(starts[starts.length - 1]).toISOString()).toBe("2026-05-10T12:30:00.000Z");
    expect(starts).toHaveLength(13);
  });
});
