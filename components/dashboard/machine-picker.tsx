"use client";

import { useState } from "react";
import {
  Tag,
  TagPicker,
  TagPickerControl,
  TagPickerGroup,
  TagPickerInput,
  TagPickerList,
  TagPickerOption,
  type TagPickerProps,
} from "@fluentui/react-components";
import { useServers } from "@/lib/client/dashboard";

const PERIOD = { preset: "7d" } as const;

/**
 * The machines a rule is limited to (none: every machine). Options are the workspace's machines whose name contains
 * what is typed, first 50 by name, from the Servers tab's list; chosen machines keep their names while the search moves.
 */
export function MachinePicker({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string;
  value: ReadonlyMap<string, string>;
  onChange: (next: Map<string, string>) => void;
}) {
  const [q, setQ] = useState("");
  // Controlled, so that text typed or pasted into the input opens the list of what it matches.
  const [open, setOpen] = useState(false);
  const servers = useServers(workspaceId, PERIOD, { sort: "name", dir: "asc", page: 1, q: q.trim() });
  const options = (servers.data?.rows ?? []).filter((m) => !value.has(m.id));

  const onOptionSelect: TagPickerProps["onOptionSelect"] = (_, d) => {
    const next = new Map(value);
    const id = d.value;
    if (next.has(id)) next.delete(id);
    else next.set(id, servers.data?.rows.find((m) => m.id === id)?.name ?? id);
    onChange(next);
    setQ("");
  };

  return (
    <TagPicker open={open} onOpenChange={(_, d) => setOpen(d.open)} onOptionSelect={onOptionSelect} selectedOptions={[...value.keys()]}>
      <TagPickerControl>
        <TagPickerGroup aria-label="Chosen machines">
          {[...value].map(([id, name]) => (
            <Tag key={id} shape="rounded" value={id} dismissible aria-label={`Remove ${name}`}>
              {name}
            </Tag>
          ))}
        </TagPickerGroup>
        <TagPickerInput
          aria-label="Machines"
          placeholder={value.size ? "" : "Every machine"}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
          }}
        />
      </TagPickerControl>
      <TagPickerList>
        {options.map((m) => (
          <TagPickerOption key={m.id} value={m.id} text={m.name}>
            {m.name}
          </TagPickerOption>
        ))}
      </TagPickerList>
    </TagPicker>
  );
}
