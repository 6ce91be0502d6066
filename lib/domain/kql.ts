// The Log Analytics (KQL) queries the dashboard shows, e.g. when a machine is selected on the Servers tab.
// Display text only, but every user-controlled value goes through kqlString so a copied query is valid and
// cannot be bent by a crafted machine name.
import type { ChangeCategory, ChangeType } from "./types";

export type PresetPeriod = "1h" | "24h" | "7d" | "30d";
export type QueryPeriod = PresetPeriod | { from: Date; to: Date };

export const PRESET_PERIODS: readonly PresetPeriod[] = ["1h", "24h", "7d", "30d"];

/**
 * A double-quoted KQL string literal. KQL escapes with a backslash: the backslash itself, the double quote, and
 * \t \n \r. Other control characters have no escape in KQL and never occur in our names, so they are refused
 * rather than silently altered.
 */
export function kqlString(value: string): string {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    throw new RangeError("A control character cannot be written in a KQL string literal.");
  }
  const escaped = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  return `"${escaped}"`;
}

/** `datetime(2024-05-01T10:00:00.000Z)`: ISO 8601 in UTC, which KQL parses unambiguously. */
export function kqlDatetime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError("Invalid date in a KQL time range.");
  return `datetime(${d.toISOString()})`;
}

/** The predicate on TimeGenerated for a period; checked at run time because periods often come from a URL. */
export function kqlTimeFilter(period: QueryPeriod): string {
  if (typeof period === "string") {
    if (!PRESET_PERIODS.includes(period)) throw new RangeError(`Unknown period "${String(period)}"; use 1h, 24h, 7d or 30d.`);
    return `TimeGenerated > ago(${period})`;
  }
  const from = kqlDatetime(period.from);
  const to = kqlDatetime(period.to);
  if (period.from.getTime() > period.to.getTime()) throw new RangeError("The custom range starts after it ends.");
  return `TimeGenerated between (${from} .. ${to})`;
}

function inList(column: string, values: readonly string[]): string | null {
  const unique = [...new Set(values)];
  return unique.length === 0 ? null : `| where ${column} in (${unique.map(kqlString).join(", ")})`;
}

export interface ChangesQueryOptions {
  /** One machine (the Computer column); all machines of the workspace when absent. */
  computer?: string;
  period: QueryPeriod;
  /** ConfigChangeType filter; no filter when empty. */
  changeTypes?: readonly ChangeType[];
  categories?: readonly ChangeCategory[];
}

/** The change list query, newest first. */
export function buildChangesQuery(opts: ChangesQueryOptions): string {
  const lines = ["ConfigurationChange"];
  if (opts.computer !== undefined) lines.push(`| where Computer == ${kqlString(opts.computer)}`);
  lines.push(`| where ${kqlTimeFilter(opts.period)}`);
  const types = inList("ConfigChangeType", opts.changeTypes ?? []);
  if (types !== null) lines.push(types);
  const categories = inList("ChangeCategory", opts.categories ?? []);
  if (categories !== null) lines.push(categories);
  lines.push("| order by TimeGenerated desc");
  return lines.join("\n");
}

/** What the portal shows when a machine is selected: its file and registry changes in the period. */
export function buildMachineChangesQuery(
  computer: string,
  period: QueryPeriod,
  changeTypes: readonly ChangeType[] = ["Files", "Registry"],
): string {
  return buildChangesQuery({ computer, period, changeTypes });
}

/** The dashboard's per-machine breakdown: change counts by computer and change type. */
export function buildChangeSummaryQuery(period: QueryPeriod, changeTypes: readonly ChangeType[] = ["Registry", "Files"]): string {
  const lines = ["ConfigurationChange", `| where ${kqlTimeFilter(period)}`];
  const types = inList("ConfigChangeType", changeTypes);
  if (types !== null) lines.push(types);
  lines.push("| summarize count() by Computer, ConfigChangeType");
  return lines.join("\n");
}
