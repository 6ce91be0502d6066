// The translator without a database: what it refuses and where, what the time range does, and that the query's
// text reaches SQL only as parameters.
import { describe, expect, it } from "vitest";
import { parseTimespan } from "./iso-timespan";
import { KqlError } from "./query-error";
import { timespanMs } from "./timespan";
import { translateKql, type TranslateOptions } from "./translate";

const now = new Date("2026-12-05T12:00:00Z");
const opts: TranslateOptions = { dialect: "sqlite", workspaceId: "ws-1", now, range: null };

function refusal(query: string): { message: string; line: number; column: number; length: number } {
  try {
    translateKql(query, opts);
  } catch (err) {
    if (!(err instanceof KqlError)) throw err;
    const p = err.positionIn(query);
    return { message: err.message, line: p.line, column: p.column, length: p.length };
  }
  throw new Error(`translated: ${query}`);
}

describe("translateKql refuses what it does not support, naming it and where it is", () => {
  it.each([
    ["ConfigurationChange | mv-expand Name", "mv-expand", 1, 23, 14],
    ["ConfigurationChange\n| where Computer == 'a'\n| render timechart", "render", 3, 3, 16],
    ["ConfigurationChange | where Nope == 1", "Nope", 1, 29, 4],
    ["Heartbeat | take 1", "Unknown table 'Heartbeat'", 1, 1, 9],
    ["ConfigurationChange | join (ConfigurationData) on Computer", "innerunique", 1, 23, 36],
    ["ConfigurationChange | join kind=fullouter (ConfigurationData) on Computer", "fullouter", 1, 28, 14],
    ["ConfigurationChange | where Computer matches regex 'a.*'", "matches regex", 1, 38, 13],
    ["ConfigurationChange | extend x = parse_json(Name)", "parse_json", 1, 34, 16],
    ["ConfigurationChange | summarize percentile(Size, 50)", "percentile", 1, 33, 20],
    ["ConfigurationChange | where Size > 'big'", "Cannot compare long with string", 1, 29, 12],
    ["let t = ConfigurationChange | take 1; t", "scalar values only", 1, 9, 28],
    ["ConfigurationChange | where", "Syntax error", 1, 28, 1],
  ])("%s → %s", (query, says, line, column, length) => {
    const r = refusal(query);
    expect(r.message).toContain(says);
    expect([r.line, r.column, r.length]).toEqual([line, column, length]);
  });

  it("names extract() as PostgreSQL-only on SQLite", () => {
    expect(refusal('ConfigurationChange | extend u = extract("u=(\\\\w+)", 1, Name)').message).toContain("SQLite");
    expect(() =>
      translateKql('ConfigurationChange | extend u = extract("u=(\\\\w+)", 1, Name)', { ...opts, dialect: "postgres" }),
    ).not.toThrow();
  });
});

describe("translateKql writes parameterised SQL", () => {
  it("passes every value of the query as a parameter, never as SQL text", () => {
    const hostile = `x'); DROP TABLE "ChangeRecord"; --`;
    const t = translateKql(`ConfigurationChange | where Computer == "${hostile.replace(/"/g, '\\"')}" | project Name`, opts);
    expect(t.statement.text).not.toContain("DROP");
    expect(t.statement.params).toContain(hostile);
    expect(t.statement.params).toContain("ws-1");
  });

  it("numbers PostgreSQL parameters in text order and casts them", () => {
    const t = translateKql('ConfigurationChange | where Computer == "a" | take 3', { ...opts, dialect: "postgres" });
    const numbers = [...t.statement.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_n, i) => i + 1));
    expect(t.statement.text).toMatch(/CAST\(\$\d+ AS TEXT\)/);
  });

  it("reads a Computer == filter through the machine's index, and only for equality", () => {
    const hinted = translateKql('ConfigurationChange | where Computer == "vm-1" and Size > 0 | take 5', opts);
    expect(hinted.statement.text).toContain(`r."machineId" IN (SELECT mh."id" FROM "Machine" mh`);
    expect(hinted.statement.params.filter((p) => p === "vm-1").length).toBe(2);
    for (const q of [
      'ConfigurationChange | where Computer != "vm-1"',
      'ConfigurationChange | where Computer == "a" or Size > 1',
      'ConfigurationChange | take 5 | where Computer == "a"',
    ]) {
      expect(translateKql(q, opts).statement.text, q).not.toContain('machineId" IN');
    }
  });

  it("answers count() by computer and hour from the hourly counts, and anything else from the records", () => {
    const sqlOf = (q: string) => translateKql(q, opts).statement.text;
    expect(sqlOf("ConfigurationChange | where TimeGenerated > ago(30d) | summarize count() by Computer, bin(TimeGenerated, 1h)")).toContain(
      '"ChangeCount"',
    );
    expect(sqlOf("ConfigurationChange | summarize count() by Computer")).not.toContain('"ChangeCount"');
    expect(sqlOf("ConfigurationChange | where TimeGenerated > ago(30d) | summarize dcount(Name) by Computer")).not.toContain(
      '"ChangeCount"',
    );
    expect(sqlOf("ConfigurationChange | where TimeGenerated > ago(30d) and Size > 1 | summarize count()")).not.toContain('"ChangeCount"');
    expect(sqlOf("ConfigurationChange | where TimeGenerated > ago(30d) | summarize count() by bin(TimeGenerated, 30m)")).not.toContain(
      '"ChangeCount"',
    );
  });

  it("applies the request's time range to every table unless a where names TimeGenerated", () => {
    const range = { from: new Date("2026-12-01T00:00:00Z"), to: now };
    const union = translateKql("union ConfigurationChange, ConfigurationData | count", { ...opts, range });
    expect(union.rangeApplied).toBe(true);
    expect(union.statement.params.filter((p) => p === "2026-12-01T00:00:00.000+00:00").length).toBe(2);
    expect(translateKql("ConfigurationChange | where TimeGenerated > ago(1h)", { ...opts, range }).rangeApplied).toBe(false);
    expect(translateKql("ConfigurationChange | project TimeGenerated", { ...opts, range }).rangeApplied).toBe(true);
  });

  it("names output columns as Kusto does", () => {
    const t = translateKql(
      "ConfigurationChange | summarize count(), dcount(Computer), max(TimeGenerated) by ConfigChangeType, bin(TimeGenerated, 1h)",
      opts,
    );
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      "ConfigChangeType:string",
      "TimeGenerated:datetime",
      "count_:long",
      "dcount_Computer:long",
      "max_TimeGenerated:datetime",
    ]);
    const join = translateKql(
      "ConfigurationChange | project Computer | join kind=inner (ConfigurationData | project Computer) on Computer",
      opts,
    );
    expect(join.columns.map((c) => c.name)).toEqual(["Computer", "Computer1"]);
  });
});

describe("time spans", () => {
  it("reads Kusto timespan literals", () => {
    expect([timespanMs("14d"), timespanMs("1h"), timespanMs("30m"), timespanMs("10s"), timespanMs("100ms")]).toEqual([
      14 * 86_400_000,
      3_600_000,
      1_800_000,
      10_000,
      100,
    ]);
    expect(timespanMs("time(1.02:00:00)")).toBe(26 * 3_600_000);
    expect(timespanMs("3 fortnights")).toBeNull();
  });

  it("reads Log Analytics' ISO 8601 timespans", () => {
    expect(parseTimespan("PT1H", now)).toEqual({ from: new Date("2026-12-05T11:00:00Z"), to: now });
    expect(parseTimespan("P7D", now)?.from).toEqual(new Date("2026-11-28T12:00:00Z"));
    expect(parseTimespan("2026-12-01T00:00:00Z/2026-12-02T00:00:00Z", now)).toEqual({
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
    });
    expect(parseTimespan("2026-12-01T00:00:00Z/PT2H", now)?.to).toEqual(new Date("2026-12-01T02:00:00Z"));
    expect(parseTimespan("P1D/2026-12-02T00:00:00Z", now)?.from).toEqual(new Date("2026-12-01T00:00:00Z"));
    for (const bad of ["yesterday", "P", "PT", "2026-12-02T00:00:00Z/2026-12-01T00:00:00Z", "a/b/c"])
      expect(parseTimespan(bad, now)).toBeNull();
  });
});
