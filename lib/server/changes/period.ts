import "server-only";
import type { TPeriodQuery, TResolvedPeriod } from "@/lib/contracts/period";
import { DEFAULT_PRESET, periodLabel, resolveRange, type DashboardPeriod, type TimeRange } from "@/lib/domain/dashboard-period";

/** The period of a validated query (ZPeriodQuery has checked that from and to come together and in order). */
export function periodOf(q: TPeriodQuery): DashboardPeriod {
  if (q.from && q.to) return { from: new Date(q.from), to: new Date(q.to) };
  return { preset: q.period ?? DEFAULT_PRESET };
}

export type Resolved = { period: DashboardPeriod; range: TimeRange; view: TResolvedPeriod };

/** The period with its instant range as of `now`, and how a response describes it. */
export function resolve(q: TPeriodQuery, now = new Date()): Resolved {
  const period = periodOf(q);
  const range = resolveRange(period, now);
  return {
    period,
    range,
    view: {
      key: "preset" in period ? period.preset : "custom",
      label: periodLabel(period),
      from: range.from.toISOString(),
      fromExclusive: range.fromExclusive,
      to: range.to?.toISOString() ?? null,
    },
  };
}
