"use client";

import { makeStyles, Skeleton, SkeletonItem, Text, tokens } from "@fluentui/react-components";
import type { TSummary } from "@/lib/contracts/summary";
import { CHANGE_CATEGORIES, CHANGE_TYPES, type ChangeCategory, type ChangeType } from "@/lib/domain/types";
import { BreakdownChart, TimelineChart } from "./charts";
import { CATEGORY_COLOR, CATEGORY_LABEL, count, TYPE_COLOR, TYPE_LABEL } from "@/components/ui/format";
import { LoadError } from "@/components/ui/load-error";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gap: "16px",
    gridTemplateColumns: "200px minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.5fr)",
    // Below this the four cards no longer fit beside the portal's navigation: two by two.
    "@media (max-width: 1320px)": { gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)" },
  },
  kpis: { display: "flex", flexDirection: "column", gap: "16px" },
  card: {
    background: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "12px 16px",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    minWidth: 0,
  },
  kpi: { flexGrow: 1, justifyContent: "center" },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  kpiValue: { fontSize: "28px", lineHeight: "36px", fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  chartSkeleton: { height: "116px" },
  timelineSkeleton: { height: "184px" },
});

export type SliceFilter = { type: ChangeType | null; category: ChangeCategory | null };

function Card({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  const s = useStyles();
  return (
    <section className={className ? `${s.card} ${className}` : s.card} aria-label={title}>
      <h2 className={s.cardTitle}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The dashboard's header, as the walkthrough lists it: machines connected, changes in the period, the breakdowns by
 * change type and by category, and changes over time. Clicking a slice or a legend entry shows those changes.
 */
export function SummaryHeader(props: {
  summary: TSummary | undefined;
  loading: boolean;
  error: Error | null;
  retry: () => void;
  filter: SliceFilter;
  onSlice: (f: Partial<SliceFilter>) => void;
  onBucket: (startIso: string, bucketMs: number) => void;
}) {
  const s = useStyles();
  const { summary, filter } = props;
  if (props.error && !summary) {
    return <LoadError what="the summary of changes" error={props.error} onRetry={props.retry} />;
  }
  const skeleton = (className: string) => (
    <Skeleton aria-label="Loading">
      <SkeletonItem className={className} />
    </Skeleton>
  );
  return (
    <div className={s.grid} aria-busy={props.loading}>
      <div className={s.kpis}>
        <Card title="Total machines connected" className={s.kpi}>
          {summary ? <Text className={s.kpiValue}>{count(summary.machines)}</Text> : skeleton(s.sub)}
        </Card>
        <Card title="Total changes" className={s.kpi}>
          {summary ? <Text className={s.kpiValue}>{count(summary.totalChanges)}</Text> : skeleton(s.sub)}
          <Text className={s.sub}>{summary ? summary.period.label : " "}</Text>
        </Card>
      </div>
      <Card title="Changes by type">
        {summary ? (
          <BreakdownChart
            name="Changes by type"
            slices={CHANGE_TYPES.map((t) => ({ key: t, label: TYPE_LABEL[t], value: summary.byType[t], color: TYPE_COLOR[t] }))}
            selected={filter.type}
            onSelect={(k) => props.onSlice({ type: k === filter.type ? null : (k as ChangeType) })}
          />
        ) : (
          skeleton(s.chartSkeleton)
        )}
      </Card>
      <Card title="Changes by category">
        {summary ? (
          <BreakdownChart
            name="Changes by category"
            slices={CHANGE_CATEGORIES.map((c) => ({
              key: c,
              label: CATEGORY_LABEL[c],
              value: summary.byCategory[c],
              color: CATEGORY_COLOR[c],
            }))}
            selected={filter.category}
            onSelect={(k) => props.onSlice({ category: k === filter.category ? null : (k as ChangeCategory) })}
          />
        ) : (
          skeleton(s.chartSkeleton)
        )}
      </Card>
      <Card title="Changes over time">
        {summary ? (
          <TimelineChart timeline={summary.timeline} onSelectBucket={(start) => props.onBucket(start, summary.timeline.bucketMs)} />
        ) : (
          skeleton(s.timelineSkeleton)
        )}
      </Card>
    </div>
  );
}
