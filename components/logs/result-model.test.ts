import { describe, expect, it } from "vitest";
import { cellText, summarizesByTimeBin, timeChartOf, type ResultTable } from "./result-model";

const binned: ResultTable = {
  name: "PrimaryResult",
  columns: [
    { name: "Computer", type: "string" },
    { name: "TimeGenerated", type: "datetime" },
    { name: "count_", type: "long" },
  ],
  rows: [
    ["web-01", "2026-12-05T01:00:00Z", 3],
    ["db-01", "2026-12-05T00:00:00Z", 2],
    ["web-01", "2026-12-05T00:00:00Z", 1],
  ],
};
const query = "ConfigurationChange | summarize count() by Computer, bin(TimeGenerated, 1h)";

describe("the Logs page's chart", () => {
  it("charts a query that summarizes by a time bin, one series per computer, oldest bin first, gaps as 0", () => {
    const chart = timeChartOf(query, binned);
    expect(chart?.series).toEqual(["web-01", "db-01"]);
    expect(chart?.points).toEqual([
      { time: Date.parse("2026-12-05T00:00:00Z"), "web-01": 1, "db-01": 2 },
      { time: Date.parse("2026-12-05T01:00:00Z"), "web-01": 3, "db-01": 0 },
    ]);
  });

  it("makes each numeric column a series when no text column splits the rows", () => {
    const table: ResultTable = { ...binned, columns: binned.columns.slice(1), rows: binned.rows.map((r) => r.slice(1)) };
    expect(timeChartOf("T | summarize count() by bin(TimeGenerated, 1h)", table)?.series).toEqual(["count_"]);
  });

  it("draws no chart without a time bin, a time column or a number", () => {
    expect(summarizesByTimeBin("ConfigurationChange | summarize count() by Computer")).toBe(false);
    expect(timeChartOf("ConfigurationChange | summarize count() by Computer", binned)).toBeNull();
    const noNumber = { ...binned, columns: binned.columns.map((c) => ({ ...c, type: c.type === "long" ? "string" : c.type })) };
    expect(timeChartOf(query, noNumber)).toBeNull();
    expect(timeChartOf(query, { ...binned, rows: [] })).toBeNull();
  });

  it("shows cells as text, nothing as empty", () => {
    expect([cellText(null), cellText(42), cellText("a"), cellText({ a: 1 })]).toEqual(["", "42", "a", '{"a":1}']);
  });
});
