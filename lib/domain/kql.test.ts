import { describe, it, expect } from "vitest";
import {
  buildChangeSummaryQuery,
  buildChangesQuery,
  buildMachineChangesQuery,
  kqlDatetime,
  kqlString,
  kqlTimeFilter,
  type QueryPeriod,
} from "./kql";

describe("kqlString", () => {
  it("quotes and escapes backslashes and double quotes", () => {
    expect(kqlString("web-01")).toBe('"web-01"');
    expect(kqlString('say "hi"')).toBe('"say \\"hi\\""');
    expect(kqlString("C:\\Windows\\win.ini")).toBe('"C:\\\\Windows\\\\win.ini"');
    expect(kqlString("a\\")).toBe('"a\\\\"');
    expect(kqlString("it's")).toBe('"it\'s"');
  });

  it("escapes tab and line breaks, and refuses other control characters", () => {
    expect(kqlString("a\tb\nc\rd")).toBe('"a\\tb\\nc\\rd"');
    expect(() => kqlString("a\u0000b")).toThrow(RangeError);
  });

  it("cannot be broken out of by a crafted value", () => {
    const evil = '" | take 1 //\\';
    const q = buildMachineChangesQuery(evil, "7d");
    expect(q.split("\n")[1]).toBe('| where Computer == "\\" | take 1 //\\\\"');
  });
});

describe("time filters", () => {
  it("uses ago() for the presets", () => {
    expect(kqlTimeFilter("1h")).toBe("TimeGenerated > ago(1h)");
    expect(kqlTimeFilter("24h")).toBe("TimeGenerated > ago(24h)");
    expect(kqlTimeFilter("30d")).toBe("TimeGenerated > ago(30d)");
  });

  it("uses between with UTC datetimes for a custom range", () => {
    const period = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-02T12:30:00Z") };
    expect(kqlTimeFilter(period)).toBe("TimeGenerated between (datetime(2024-05-01T00:00:00.000Z) .. datetime(2024-05-02T12:30:00.000Z))");
    expect(kqlDatetime(new Date(0))).toBe("datetime(1970-01-01T00:00:00.000Z)");
  });

  it("refuses unknown presets, invalid dates and reversed ranges", () => {
    expect(() => kqlTimeFilter("7d) | take 1" as QueryPeriod)).toThrow(/Unknown period/);
    expect(() => kqlTimeFilter({ from: new Date("nope"), to: new Date() })).toThrow(RangeError);
    expect(() => kqlTimeFilter({ from: new Date("2024-05-02"), to: new Date("2024-05-01") })).toThrow(/starts after/);
  });
});

describe("queries", () => {
  it("builds the machine query the dashboard shows", () => {
    expect(buildMachineChangesQuery("web-01", "7d")).toBe(
      [
        "ConfigurationChange",
        '| where Computer == "web-01"',
        "| where TimeGenerated > ago(7d)",
        '| where ConfigChangeType in ("Files", "Registry")',
        "| order by TimeGenerated desc",
      ].join("\n"),
    );
  });

  it("filters on change types and categories when given, and on the machine only when named", () => {
    const q = buildChangesQuery({
      period: "24h",
      changeTypes: ["WindowsServices", "WindowsServices"],
      categories: ["Added", "Removed"],
    });
    expect(q).toBe(
      [
        "ConfigurationChange",
        "| where TimeGenerated > ago(24h)",
        '| where ConfigChangeType in ("WindowsServices")',
        '| where ChangeCategory in ("Added", "Removed")',
        "| order by TimeGenerated desc",
      ].join("\n"),
    );
    expect(buildChangesQuery({ period: "1h", changeTypes: [] })).not.toMatch(/ConfigChangeType/);
  });

  it("builds the per-machine summary", () => {
    expect(buildChangeSummaryQuery("30d")).toBe(
      [
        "ConfigurationChange",
        "| where TimeGenerated > ago(30d)",
        '| where ConfigChangeType in ("Registry", "Files")',
        "| summarize count() by Computer, ConfigChangeType",
      ].join("\n"),
    );
  });
});
