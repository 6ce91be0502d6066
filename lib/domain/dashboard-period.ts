// The dashboard's time filter: the presets of the portal's Filter (last hour … last 30 days) or a custom range, as
// it travels in the URL (?period=7d, or ?from=…&to=…), resolved to an instant range and to chart buckets.
import { PRESET_PERIODS, type PresetPeriod, type QueryPeriod } from "./kql";

export type DashboardPeriod = { preset: PresetPeriod } | { from: Date; to: Date };

/** The portal's default, and the one the workspace list's "Total changes" uses: a link from there agrees. */
export const DEFAULT_PRESET: PresetPeriod = "7d";
/** A custom range may span at most this much (the chart stays readable and the queries bounded). */
export const MAX_CUSTOM_RANGE_MS = 366 * 86_400_000;

export const PRESET_LABELS: Record<PresetPeriod, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const PRESET_MS: Record<PresetPeriod, number> = { "1h": HOUR, "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };

/**
 * The instants a period covers. A preset means KQL's `TimeGenerated > ago(7d)`: after `from` (exclusive), with no
 * upper bound; a custom range means `between (from .. to)`, both ends included.
 */
export type TimeRange = { from: Date; fromExclusive: boolean; to: Date | null };

export function isPreset(value: unknown): value is PresetPeriod {
  return typeof value === "string" && (PRESET_PERIODS as readonly string[]).includes(value);
}

export function resolveRange(period: DashboardPeriod, now: Date): TimeRange {
  if ("preset" in period) return { from: new Date(now.getTime() - PRESET_MS[period.preset]), fromExclusive: true, to: null };
  return { from: period.from, fromExclusive: false, to: period.to };
}

export function toQueryPeriod(period: DashboardPeriod): QueryPeriod {
  return "preset" in period ? period.preset : { from: period.from, to: period.to };
}

const BUCKET_SIZES = [5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, DAY, 7 * DAY];
const PRESET_BUCKET: Record<PresetPeriod, number> = { "1h": 5 * MINUTE, "24h": HOUR, "7d": 6 * HOUR, "30d": DAY };

/** Chart bucket width: 5 minutes for an hour, 1 hour for a day, 6 hours for a week, 1 day for 30 days. */
export function bucketMs(period: DashboardPeriod): number {
  if ("preset" in period) return PRESET_BUCKET[period.preset];
  const span = period.to.getTime() - period.from.getTime();
  return BUCKET_SIZES.find((size) => span / size <= 60) ?? BUCKET_SIZES[BUCKET_SIZES.length - 1];
}

/**
 * Bucket starts covering the range, aligned to multiples of the width since the epoch (so a bucket means the same
 * instants on every refresh); the first bucket may start before the range and the last is open-ended for presets.
 */
export function bucketStarts(range: TimeRange, width: number, now: Date): number[] {
  const first = Math.floor(range.from.getTime() / width) * width;
  const end = (range.to ?? now).getTime();
  const out: number[] = [];
  for (let t = first; t <= end; t += width) out.push(t);
  return out;
}

/** What the URL says, leniently: an unknown or broken value falls back to the default rather than an error page. */
export function periodFromSearch(search: { get(name: string): string | null }): DashboardPeriod {
  const from = search.get("from");
  const to = search.get("to");
  if (from && to) {
    const f = new Date(from);
    const t = new Date(to);
    const span = t.getTime() - f.getTime();
    if (!Number.isNaN(span) && span >= 0 && span <= MAX_CUSTOM_RANGE_MS) return { from: f, to: t };
  }
  const preset = search.get("period");
  return { preset: isPreset(preset) ? preset : DEFAULT_PRESET };
}

/** The query-string pairs of a period (what the URL and the API both take). */
export function periodParams(period: DashboardPeriod): Record<string, string> {
  return "preset" in period ? { period: period.preset } : { from: period.from.toISOString(), to: period.to.toISOString() };
}

const fmt = (d: Date) => d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

export function periodLabel(period: DashboardPeriod): string {
  return "preset" in period ? PRESET_LABELS[period.preset] : `${fmt(period.from)} – ${fmt(period.to)}`;
}
