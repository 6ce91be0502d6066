"use client";

import { makeStyles, tokens } from "@fluentui/react-components";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { count } from "@/components/ui/format";
import type { TimeChart } from "./result-model";

// Log Analytics' chart palette, in order.
const COLORS = ["#0078d4", "#e8590c", "#107c10", "#8764b8", "#c239b3", "#038387", "#986f0b", "#d13438", "#4f6bed", "#498205"];

const useStyles = makeStyles({ root: { height: "100%", minHeight: "260px", padding: "12px 16px 4px 0" } });

const axisTime = (span: number) => (ms: number) => {
  const d = new Date(ms);
  return span < 2 * 86_400_000
    ? d.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" })
    : d.toLocaleDateString("en-US", { month: "short", day: "numeric" });
};

/** The answer of a query that summarizes by a time bin, as a time chart: one line a series. */
export function ResultsChart({ chart }: { chart: TimeChart }) {
  const s = useStyles();
  const span = chart.points.length > 1 ? chart.points[chart.points.length - 1].time - chart.points[0].time : 0;
  return (
    <div className={s.root} role="img" aria-label={`Time chart: ${chart.series.length} series over ${chart.points.length} time bins`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={chart.points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke={tokens.colorNeutralStroke2} />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={axisTime(span)}
            tick={{ fontSize: 11, fill: tokens.colorNeutralForeground3 }}
            tickLine={false}
            axisLine={{ stroke: tokens.colorNeutralStroke1 }}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: tokens.colorNeutralForeground3 }}
            tickLine={false}
            axisLine={false}
            width={48}
            tickFormatter={(v: number) => count(v)}
          />
          <Tooltip
            labelFormatter={(ms) => new Date(Number(ms)).toLocaleString("en-US")}
            formatter={(v, name) => [count(Number(v)), String(name)]}
            contentStyle={{ background: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke1}`, fontSize: 12 }}
          />
          <Legend verticalAlign="bottom" iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          {chart.series.map((name, i) => (
            <Line
              key={name}
              dataKey={name}
              name={name}
              stroke={COLORS[i % COLORS.length]}
              strokeWidth={2}
              dot={chart.points.length < 40}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
