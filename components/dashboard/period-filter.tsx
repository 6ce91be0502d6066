"use client";

import { useState } from "react";
import {
  Button,
  Field,
  Input,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Radio,
  RadioGroup,
  ToolbarButton,
  tokens,
} from "@fluentui/react-components";
import { FilterRegular } from "@fluentui/react-icons";
import { MAX_CUSTOM_RANGE_MS, PRESET_LABELS, type DashboardPeriod } from "@/lib/domain/dashboard-period";
import { PRESET_PERIODS, type PresetPeriod } from "@/lib/domain/kql";

const useStyles = makeStyles({
  surface: { width: "320px", display: "flex", flexDirection: "column", gap: "12px", padding: "16px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", gap: "8px", justifyContent: "flex-end" },
});

/** `datetime-local` text for a Date, in the browser's time zone. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

type Choice = PresetPeriod | "custom";

/** The toolbar's Filter: the time period every number of the dashboard follows. */
export function PeriodFilter({ period, onApply }: { period: DashboardPeriod; onApply: (p: DashboardPeriod) => void }) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>("preset" in period ? period.preset : "custom");
  const [from, setFrom] = useState(() => localInput("from" in period ? period.from : new Date(Date.now() - 86_400_000)));
  const [to, setTo] = useState(() => localInput("to" in period ? period.to : new Date()));

  const fromDate = new Date(from);
  const toDate = new Date(to);
  const fromError = choice === "custom" && Number.isNaN(fromDate.getTime()) ? "Enter the start date and time." : undefined;
  const toError =
    choice !== "custom"
      ? undefined
      : Number.isNaN(toDate.getTime())
        ? "Enter the end date and time."
        : toDate < fromDate
          ? "The end must not be before the start."
          : toDate.getTime() - fromDate.getTime() > MAX_CUSTOM_RANGE_MS
            ? "A custom range can span at most 366 days."
            : undefined;

  // Each opening starts from the period in force, not from an abandoned edit.
  const reset = () => {
    setChoice("preset" in period ? period.preset : "custom");
    if ("from" in period) {
      setFrom(localInput(period.from));
      setTo(localInput(period.to));
    }
    setOpen(true);
  };

  const apply = () => {
    if (fromError || toError) return;
    onApply(choice === "custom" ? { from: fromDate, to: toDate } : { preset: choice });
    setOpen(false);
  };

  return (
    <Popover open={open} onOpenChange={(_, d) => (d.open ? reset() : setOpen(false))} trapFocus positioning="below-start">
      <PopoverTrigger disableButtonEnhancement>
        <ToolbarButton icon={<FilterRegular />} aria-haspopup="dialog">
          Filter
        </ToolbarButton>
      </PopoverTrigger>
      <PopoverSurface className={s.surface} aria-label="Filter">
        <h2 className={s.title}>Filter</h2>
        <Field label="Time range">
          <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value as Choice)}>
            {PRESET_PERIODS.map((p) => (
              <Radio key={p} value={p} label={PRESET_LABELS[p]} />
            ))}
            <Radio value="custom" label="Custom range" />
          </RadioGroup>
        </Field>
        {choice === "custom" && (
          <>
            <Field label="From" validationMessage={fromError}>
              <Input type="datetime-local" value={from} onChange={(_, d) => setFrom(d.value)} />
            </Field>
            <Field label="To" validationMessage={toError}>
              <Input type="datetime-local" value={to} onChange={(_, d) => setTo(d.value)} />
            </Field>
          </>
        )}
        <div className={s.actions}>
          <Button appearance="primary" onClick={apply} disabled={!!(fromError || toError)}>
            Apply
          </Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </div>
      </PopoverSurface>
    </Popover>
  );
}
