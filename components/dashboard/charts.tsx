"use client";

import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TSummary } from "@/lib/contracts/summary";
import { CHANGE_TYPES, type ChangeType } from "@/lib/domain/types";
import { bucketLabel, count, TYPE_COLOR, TYPE_LABEL } from "@/components/ui/format";

const useStyles = makeStyles({
  // The legend sits beside the donut when the card has room for its words, else below it: never a word broken.
  breakdown: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "center", gap: "12px", minHeight: "116px" },
  donut: { position: "relative", width: "116px", height: "116px", flexShrink: 0 },
  center: {
    position: "absolute",
    inset: 0,
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    justifyContent: "center",
    pointerEvents: "none",
  },
  centerValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: "24px" },
  centerLabel: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  legend: {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    flexGrow: 1,
    flexBasis: "170px",
    minWidth: 0,
  },
  item: {
    display: "grid",
    // The label takes what is left and wraps between words: "Windows services 1,117" stays inside a narrow card.
    gridTemplateColumns: "10px minmax(0, 1fr) auto",
    alignItems: "center",
    gap: "6px",
    width: "100%",
    padding: "4px 6px",
    border: "none",
    background: "transparent",
    borderRadius: tokens.borderRadiusMedium,
    cursor: "pointer",
    textAlign: "left",
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    ":hover": { background: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  selected: { background: tokens.colorBrandBackground2, ":hover": { background: tokens.colorBrandBackground2Hover } },
  swatch: { width: "10px", height: "10px", borderRadius: "2px" },
  label: { minWidth: 0, overflowWrap: "break-word" },
  value: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  timeline: { height: "184px", position: "relative" },
  emptyChart: {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    color: tokens.colorNeutralForeground3,
    pointerEvents: "none",
  },
  emptyText: { padding: "4px 12px", background: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
});

/** Recharts' tooltip in the theme's colours (its default is white, unreadable in dark mode). */
const tooltipStyle = {
  contentStyle: {
    background: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
  },
  itemStyle: { color: tokens.colorNeutralForeground1 },
  labelStyle: { color: tokens.colorNeutralForeground1 },
};

export type Slice = { key: string; label: string; value: number; color: string };

/**
 * A donut with its legend. Legend entries are buttons (the keyboard way to the same filter as clicking a slice);
 * the selected one is highlighted.
 */
export function BreakdownChart({
  name,
  slices,
  selected,
  onSelect,
}: {
  name: string;
  slices: Slice[];
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const s = useStyles();
  const total = slices.reduce((n, x) => n + x.value, 0);
  const data = total === 0 ? [{ key: "none", label: "No changes", value: 1, color: tokens.colorNeutralStroke2 }] : slices;
  return (
    <div className={s.breakdown}>
      <div className={s.donut} aria-hidden>
        {/* No accessibility layer: the donut is hidden from assistive technology (its legend is the keyboard way). */}
        <PieChart width={116} height={116} accessibilityLayer={false}>
          <Pie
            data={data}
            dataKey="value"
            nameKey="label"
            innerRadius={38}
            outerRadius={55}
            paddingAngle={total === 0 ? 0 : 1}
            isAnimationActive={false}
            rootTabIndex={-1}
            stroke="none"
            onClick={(d) => total > 0 && onSelect((d.payload as Slice).key)}
            style={{ cursor: total > 0 ? "pointer" : "default" }}
          >
            {data.map((x) => (
              <Cell key={x.key} fill={x.color} opacity={selected && selected !== x.key ? 0.35 : 1} />
            ))}
          </Pie>
          {total > 0 && <Tooltip formatter={(v) => count(Number(v))} {...tooltipStyle} />}
        </PieChart>
        <div className={s.center}>
          <span className={s.centerValue}>{count(total)}</span>
          <span className={s.centerLabel}>changes</span>
        </div>
      </div>
      <ul className={s.legend} aria-label={name}>
        {slices.map((x) => (
          <li key={x.key}>
            <button
              type="button"
              className={mergeClasses(s.item, selected === x.key && s.selected)}
              aria-pressed={selected === x.key}
              aria-label={`${x.label}: ${count(x.value)} changes. Show them on the Changes tab`}
              onClick={() => onSelect(x.key)}
            >
              <span className={s.swatch} style={{ background: x.color }} />
              <Text className={s.label}>{x.label}</Text>
              <span className={s.value}>{count(x.value)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

type Row = Record<ChangeType, number> & { start: string; label: string };

/** Changes over time, stacked by type; a click on a bar narrows the period to that bucket. */
export function TimelineChart({
  timeline,
  onSelectBucket,
}: {
  timeline: TSummary["timeline"];
  onSelectBucket: (startIso: string) => void;
}) {
  const s = useStyles();
  const data: Row[] = timeline.buckets.map((b) => ({ ...b, label: bucketLabel(b.start, timeline.bucketMs) }));
  const empty = data.every((b) => b.Files + b.Registry + b.WindowsServices === 0);
  return (
    <div
      className={s.timeline}
      role="img"
      aria-label={`Changes over time: ${data.length} bars, one per ${Math.round(timeline.bucketMs / 60_000)} minutes`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="12%">
          {!empty && <CartesianGrid vertical={false} stroke={tokens.colorNeutralStroke2} />}
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: tokens.colorNeutralForeground3 }}
            tickLine={false}
            axisLine={{ stroke: tokens.colorNeutralStroke1 }}
            minTickGap={16}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: tokens.colorNeutralForeground3 }}
            tickLine={false}
            axisLine={false}
            width={44}
            tickFormatter={(v: number) => count(v)}
          />
          <Tooltip
            formatter={(v, name) => [count(Number(v)), TYPE_LABEL[name as ChangeType] ?? String(name)]}
            cursor={{ fill: tokens.colorSubtleBackgroundHover }}
            {...tooltipStyle}
          />
          {CHANGE_TYPES.map((type) => (
            <Bar
              key={type}
              dataKey={type}
              name={type}
              stackId="changes"
              fill={TYPE_COLOR[type]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(d) => onSelectBucket((d.payload as Row).start)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      {empty && (
        <div className={s.emptyChart}>
          <Text className={s.emptyText}>No changes in this period</Text>
        </div>
      )}
    </div>
  );
}
