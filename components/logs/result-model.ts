// What the Logs page makes of a query's answer: cells as text, and a time chart when the query summarizes by a
// time bin. Pure: no React, so it is tested on its own.

export type ResultColumn = { name: string; type: string };
export type ResultTable = { name: string; columns: ResultColumn[]; rows: unknown[][] };

const NUMERIC = new Set(["long", "int", "real", "decimal", "double"]);

/** A cell as the results grid shows it: dates in ISO 8601 UTC as Log Analytics shows them, nothing as empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Whether the query summarizes by a time bin (`summarize … by bin(TimeGenerated, 1h)`): then a chart says more. */
export const summarizesByTimeBin = (query: string) => /\bsummarize\b[\s\S]*\bbin(_at)?\s*\(/i.test(query);

export type TimeChart = {
  /** One point a time bin, oldest first: `time` (ms) and a number for each series. */
  points: Record<string, number>[];
  series: string[];
};

const MAX_SERIES = 10;

/**
 * A time chart of the answer: the first datetime column across, each numeric column a series, or, when a text
 * column splits the rows (`by Computer, bin(...)`), one series per value of it (the first ten). Null when the
 * answer has no time and number to chart.
 */
export function timeChartOf(query: string, table: ResultTable | undefined): TimeChart | null {
  if (!table || !summarizesByTimeBin(query) || table.rows.length === 0) return null;
  const time = table.columns.findIndex((c) => c.type === "datetime");
  const numbers = table.columns.flatMap((c, i) => (NUMERIC.has(c.type) ? [i] : []));
  if (time < 0 || numbers.length === 0) return null;
  const split = table.columns.findIndex((c) => c.type === "string");
  const byTime = new Map<number, Record<string, number>>();
  const series: string[] = [];
  for (const row of table.rows) {
    const at = Date.parse(String(row[time]));
    if (Number.isNaN(at)) continue;
    const point = byTime.get(at) ?? { time: at };
    byTime.set(at, point);
    const names = split >= 0 ? [cellText(row[split]) || "(empty)"] : numbers.map((i) => table.columns[i].name);
    names.forEach((name, k) => {
      if (!series.includes(name)) {
        if (series.length >= MAX_SERIES) return;
        series.push(name);
      }
      const value = Number(row[split >= 0 ? numbers[0] : numbers[k]]);
      point[name] = (point[name] ?? 0) + (Number.isFinite(value) ? value : 0);
    });
  }
  if (series.length === 0) return null;
  // A bin without a row for a series is 0 there, as Log Analytics' timechart draws it.
  const points = [...byTime.values()].sort((a, b) => a.time - b.time);
  for (const p of points) for (const name of series) p[name] ??= 0;
  return { points, series };
}
