"use client";

import { useState } from "react";
import { Button, Checkbox, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option } from "@fluentui/react-components";
import type { TDestination } from "@/lib/contracts/destinations";
import { ALERT_SEVERITIES, type AlertSeverity } from "@/lib/domain/alerts";
import { ATTRIBUTION_LABEL, ATTRIBUTIONS, type Attribution } from "@/lib/domain/packages";
import {
  CHANGE_CATEGORIES,
  CHANGE_TYPES,
  ENTITY_KIND_LABEL,
  ENTITY_KINDS,
  REVIEW_STATES,
  type ChangeCategory,
  type ChangeType,
  type EntityKind,
  type ReviewState,
} from "@/lib/domain/types";
import { useCreateAlertRule } from "@/lib/client/alerts";
import { TYPE_LABEL } from "@/components/ui/format";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "560px" },
  row: { display: "flex", gap: "12px", flexWrap: "wrap", alignItems: "end" },
});

const ANY = "any";

/** A dropdown of "Any" and the given values. */
function Choice<T extends string>(props: {
  label: string;
  value: T | null;
  values: readonly T[];
  text: (v: T) => string;
  onChange: (v: T | null) => void;
}) {
  return (
    <Field label={props.label}>
      <Dropdown
        value={props.value ? props.text(props.value) : "Any"}
        selectedOptions={[props.value ?? ANY]}
        onOptionSelect={(_, d) => props.onChange(d.optionValue === ANY ? null : (d.optionValue as T))}
      >
        <Option value={ANY}>Any</Option>
        {props.values.map((v) => (
          <Option key={v} value={v}>
            {props.text(v)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** A new alert rule: its criteria, severity, grouping window and destinations. */
export function AlertRuleForm({
  workspaceId,
  destinations,
  onSaved,
}: {
  workspaceId: string;
  destinations: TDestination[];
  onSaved: () => void;
}) {
  const s = useStyles();
  const [name, setName] = useState("");
  const [severity, setSeverity] = useState<AlertSeverity>("High");
  const [pathPattern, setPathPattern] = useState("");
  const [reviewState, setReviewState] = useState<ReviewState | null>("Unreviewed");
  const [attribution, setAttribution] = useState<Attribution | null>(null);
  const [changeType, setChangeType] = useState<ChangeType | null>(null);
  const [category, setCategory] = useState<ChangeCategory | null>(null);
  const [entityKind, setEntityKind] = useState<EntityKind | null>(null);
  const [windowMinutes, setWindowMinutes] = useState("15");
  const [destinationIds, setDestinationIds] = useState<string[]>([]);
  const create = useCreateAlertRule(workspaceId);

  const save = () =>
    create.mutate(
      {
        name,
        severity,
        pathPattern: pathPattern.trim() || null,
        reviewState,
        attribution,
        changeType,
        category,
        entityKind,
        windowMinutes: Number(windowMinutes),
        destinationIds,
      },
      { onSuccess: onSaved },
    );

  return (
    <form
      className={s.form}
      aria-label="New alert rule"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className={s.row}>
        <Field label="Name" required>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label="Severity">
          <Dropdown value={severity} selectedOptions={[severity]} onOptionSelect={(_, d) => setSeverity(d.optionValue as AlertSeverity)}>
            {ALERT_SEVERITIES.map((v) => (
              <Option key={v}>{v}</Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <Field label="Path or key pattern" hint="Wildcards * and ?, case-insensitive, e.g. /etc/*. Leave empty for any.">
        <Input value={pathPattern} onChange={(_, d) => setPathPattern(d.value)} />
      </Field>
      <div className={s.row}>
        <Choice
          label="Review state on arrival"
          value={reviewState}
          values={REVIEW_STATES}
          text={(v) => (v === "Unreviewed" ? "Unreviewed (no expected-change rule matched)" : v)}
          onChange={setReviewState}
        />
        <Choice
          label="Attribution"
          value={attribution}
          values={ATTRIBUTIONS}
          text={(v) => ATTRIBUTION_LABEL[v]}
          onChange={setAttribution}
        />
      </div>
      <div className={s.row}>
        <Choice label="Change type" value={changeType} values={CHANGE_TYPES} text={(v) => TYPE_LABEL[v]} onChange={setChangeType} />
        <Choice label="Category" value={category} values={CHANGE_CATEGORIES} text={(v) => v} onChange={setCategory} />
        <Choice label="Entity kind" value={entityKind} values={ENTITY_KINDS} text={(v) => ENTITY_KIND_LABEL[v]} onChange={setEntityKind} />
      </div>
      <Field label="Grouping window (minutes)" hint="One alert per rule and machine per window; later changes join it.">
        <Input type="number" min={1} max={1440} value={windowMinutes} onChange={(_, d) => setWindowMinutes(d.value)} />
      </Field>
      <Field label="Send to">
        {destinations.length === 0
          ? "No destinations yet: the alerts are shown on this page only."
          : destinations.map((d) => (
              <Checkbox
                key={d.id}
                label={`${d.name} (${d.kind.toLowerCase()})`}
                checked={destinationIds.includes(d.id)}
                onChange={(_, c) => setDestinationIds((ids) => (c.checked ? [...ids, d.id] : ids.filter((id) => id !== d.id)))}
              />
            ))}
      </Field>
      {create.error && (
        <MessageBar intent="error">
          <MessageBarBody>{create.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={create.isPending || !name.trim()}>
          Save rule
        </Button>
      </div>
    </form>
  );
}
