"use client";

import { useState } from "react";
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Text,
} from "@fluentui/react-components";
import type { TRuleCriteria, TRuleWindow } from "@/lib/contracts/expected-rules";
import { ATTRIBUTION_LABEL, ATTRIBUTIONS, type Attribution } from "@/lib/domain/packages";
import { CHANGE_CATEGORIES, CHANGE_TYPES, type ChangeCategory, type ChangeType } from "@/lib/domain/types";
import { useCreateRule, usePreviewRule } from "@/lib/client/rules";
import { count, TYPE_LABEL } from "@/components/ui/format";
import { MachinePicker } from "./machine-picker";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "560px" },
  row: { display: "flex", gap: "12px", flexWrap: "wrap", alignItems: "end" },
  actions: { display: "flex", gap: "8px", alignItems: "center" },
});

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h || 0) * 60 + (m || 0);
};
const ANY = "any";

/** A new expected-change rule: its criteria, a preview against the last 7 days, and Save. */
export function RuleForm({ workspaceId, onSaved }: { workspaceId: string; onSaved: () => void }) {
  const s = useStyles();
  const [name, setName] = useState("");
  const [attribution, setAttribution] = useState<Attribution | null>(null);
  const [pathPattern, setPathPattern] = useState("");
  const [category, setCategory] = useState<ChangeCategory | null>(null);
  const [changeType, setChangeType] = useState<ChangeType | null>(null);
  const [machines, setMachines] = useState<Map<string, string>>(new Map());
  const [applyToRecent, setApplyToRecent] = useState(false);
  const [kind, setKind] = useState<TRuleWindow["kind"]>("NONE");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [days, setDays] = useState<number[]>([6]);
  const [from, setFrom] = useState("22:00");
  const [to, setTo] = useState("02:00");
  const preview = usePreviewRule(workspaceId);
  const create = useCreateRule(workspaceId);

  const window: TRuleWindow =
    kind === "ONCE"
      ? { kind, start: start ? new Date(start).toISOString() : "", end: end ? new Date(end).toISOString() : "" }
      : kind === "WEEKLY"
        ? { kind, days, startMinute: minutesOf(from), endMinute: minutesOf(to) }
        : { kind: "NONE" };
  const criteria: TRuleCriteria = {
    attribution,
    pathPattern: pathPattern.trim() || null,
    machineIds: [...machines.keys()],
    category,
    changeType,
    window,
  };
  // The count the checkbox offers is the preview's: a criterion changed since withdraws the offer until the next preview.
  const previewed = preview.data && JSON.stringify(preview.variables) === JSON.stringify(criteria) ? preview.data : null;
  const unreviewed = previewed?.unreviewed ?? 0;
  const error = create.error ?? preview.error;

  const pick =
    <T extends string>(set: (v: T | null) => void) =>
    (_: unknown, d: { optionValue?: string }) =>
      set(d.optionValue === ANY || !d.optionValue ? null : (d.optionValue as T));

  return (
    <div className={s.form} aria-label="New expected-change rule" role="form">
      <Field label="Name" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={100} />
      </Field>
      <div className={s.row}>
        <Field label="Attribution">
          <Dropdown value={attribution ? ATTRIBUTION_LABEL[attribution] : "Any"} onOptionSelect={pick<Attribution>(setAttribution)}>
            <Option value={ANY}>Any</Option>
            {ATTRIBUTIONS.map((a) => (
              <Option key={a} value={a}>
                {ATTRIBUTION_LABEL[a]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Category">
          <Dropdown value={category ?? "Any"} onOptionSelect={pick<ChangeCategory>(setCategory)}>
            <Option value={ANY}>Any</Option>
            {CHANGE_CATEGORIES.map((c) => (
              <Option key={c} value={c}>
                {c}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Type">
          <Dropdown value={changeType ? TYPE_LABEL[changeType] : "Any"} onOptionSelect={pick<ChangeType>(setChangeType)}>
            <Option value={ANY}>Any</Option>
            {CHANGE_TYPES.map((t) => (
              <Option key={t} value={t}>
                {TYPE_LABEL[t]}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <Field label="Path or key pattern" hint="Wildcards * and ?, e.g. /srv/app/*">
        <Input value={pathPattern} onChange={(_, d) => setPathPattern(d.value)} maxLength={1024} />
      </Field>
      <Field
        label="Machines"
        hint={
          machines.size
            ? `Only ${machines.size === 1 ? "this machine" : `these ${machines.size} machines`}`
            : "None chosen: every machine of the workspace"
        }
      >
        <MachinePicker workspaceId={workspaceId} value={machines} onChange={setMachines} />
      </Field>
      <Field label="When (UTC)">
        <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value as TRuleWindow["kind"])}>
          <Radio value="NONE" label="Any time" />
          <Radio value="ONCE" label="One-off window" />
          <Radio value="WEEKLY" label="Weekly window" />
        </RadioGroup>
      </Field>
      {kind === "ONCE" && (
        <div className={s.row}>
          <Field label="From">
            <Input type="datetime-local" value={start} onChange={(_, d) => setStart(d.value)} />
          </Field>
          <Field label="To">
            <Input type="datetime-local" value={end} onChange={(_, d) => setEnd(d.value)} />
          </Field>
        </div>
      )}
      {kind === "WEEKLY" && (
        <div className={s.row}>
          {DAYS.map((label, day) => (
            <Checkbox
              key={label}
              label={label}
              checked={days.includes(day)}
              onChange={(_, d) => setDays(d.checked ? [...days, day] : days.filter((x) => x !== day))}
            />
          ))}
          <Field label="From (UTC)">
            <Input type="time" value={from} onChange={(_, d) => setFrom(d.value)} />
          </Field>
          <Field label="To (UTC)">
            <Input type="time" value={to} onChange={(_, d) => setTo(d.value)} />
          </Field>
        </div>
      )}
      <div className={s.actions}>
        <Button
          onClick={() => preview.mutate(criteria)}
          disabled={preview.isPending}
          icon={preview.isPending ? <Spinner size="tiny" /> : undefined}
        >
          Preview
        </Button>
        <Button
          appearance="primary"
          disabled={create.isPending}
          onClick={() => create.mutate({ name, ...criteria, applyToRecent: applyToRecent && unreviewed > 0 }, { onSuccess: onSaved })}
        >
          Save rule
        </Button>
        {preview.data && (
          <Text role="status">
            Would have marked {count(preview.data.matched)} of {count(preview.data.total)} changes of the last 7 days.
          </Text>
        )}
      </div>
      {unreviewed > 0 && (
        <Checkbox
          checked={applyToRecent}
          onChange={(_, d) => setApplyToRecent(d.checked === true)}
          label={`Also mark the ${count(unreviewed)} matching Unreviewed change${unreviewed === 1 ? "" : "s"} of the last 7 days as Expected`}
        />
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
