"use client";

import { useState } from "react";
import { Button, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { RETENTION_DAYS, type TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { useSetRetention, useWorkspace } from "@/lib/client/workspaces";

const useStyles = makeStyles({
  box: { display: "flex", alignItems: "flex-end", gap: "12px", flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground2 },
});

/** The workspace's data retention: Owners set it, everyone else reads it. */
export function RetentionSetting({ workspace: initial }: { workspace: TWorkspaceDetails }) {
  const s = useStyles();
  const workspace = useWorkspace(initial.id, initial).data ?? initial;
  const [value, setValue] = useState(String(workspace.retentionDays));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const setRetention = useSetRetention(workspace.id);
  const hint = `Change records older than this, their hourly counts and file content nothing refers to any more are deleted. ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} days.`;

  if (!workspace.can.setRetention)
    return <Text className={s.hint}>Change data is kept for {workspace.retentionDays} days. Only Owners can change this.</Text>;

  const save = () => {
    setSaved(null);
    const days = Number(value);
    if (!Number.isInteger(days) || days < RETENTION_DAYS.min || days > RETENTION_DAYS.max) {
      setError(`Enter a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}.`);
      return;
    }
    setError(null);
    setRetention.mutate(
      { retentionDays: days },
      {
        onSuccess: (r) => setSaved(`Change data is now kept for ${r.retentionDays} days.`),
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <div className={s.box}>
      <Field
        label="Keep change data (days)"
        hint={hint}
        validationMessage={error ?? saved ?? undefined}
        validationState={error ? "error" : saved ? "success" : "none"}
      >
        <Input type="number" value={value} min={RETENTION_DAYS.min} max={RETENTION_DAYS.max} onChange={(_, d) => setValue(d.value)} />
      </Field>
      <Button appearance="primary" onClick={save} disabled={setRetention.isPending}>
        Save retention
      </Button>
    </div>
  );
}
