"use client";

import { useState } from "react";
import {
  Badge,
  Button,
  makeStyles,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { TRule } from "@/lib/contracts/expected-rules";
import { ATTRIBUTION_LABEL } from "@/lib/domain/packages";
import { useDeleteRule, useRules, useUpdateRule } from "@/lib/client/rules";
import { TYPE_LABEL } from "@/components/ui/format";
import { SidePanel } from "@/components/ui/side-panel";
import { RuleForm } from "./rule-form";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: "16px", paddingBottom: "24px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A rule's criteria in words, as the list shows them. */
export function describeRule(r: TRule): string {
  const parts: string[] = [];
  if (r.attribution) parts.push(ATTRIBUTION_LABEL[r.attribution]);
  if (r.changeType) parts.push(TYPE_LABEL[r.changeType]);
  if (r.category) parts.push(r.category);
  if (r.pathPattern) parts.push(`path ${r.pathPattern}`);
  if (r.machineIds.length) parts.push(`${r.machineIds.length} machine${r.machineIds.length === 1 ? "" : "s"}`);
  const w = r.window;
  if (w.kind === "ONCE") parts.push(`from ${new Date(w.start).toUTCString()} to ${new Date(w.end).toUTCString()}`);
  if (w.kind === "WEEKLY") parts.push(`${w.days.map((d) => DAYS[d]).join(", ")} ${hhmm(w.startMinute)}–${hhmm(w.endMinute)} UTC`);
  return parts.join(" · ");
}

/** Expected-change rules of the workspace: the list (switch on or off, delete) and a new rule with its preview. */
export function RulesDrawer({ workspaceId, open, onClose }: { workspaceId: string; open: boolean; onClose: () => void }) {
  const s = useStyles();
  const rules = useRules(workspaceId, open);
  const update = useUpdateRule(workspaceId);
  const remove = useDeleteRule(workspaceId);
  const [adding, setAdding] = useState(false);
  const canEdit = rules.data?.canEdit ?? false;

  return (
    <SidePanel title="Expected-change rules" label="Expected-change rules" open={open} onClose={onClose}>
      <div className={s.body}>
        <Text className={s.muted}>
          A change that meets every criterion of an enabled rule is marked Expected as it arrives, and names the rule.
        </Text>
        {!rules.data ? (
          <Spinner label="Loading rules" />
        ) : (
          <Table size="small" aria-label="Rules">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Matches</TableHeaderCell>
                <TableHeaderCell style={{ width: 100 }}>Enabled</TableHeaderCell>
                {canEdit && <TableHeaderCell style={{ width: 90 }} />}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.data.rules.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    {r.name} {r.isDefault && <Badge appearance="outline">default</Badge>}
                  </TableCell>
                  <TableCell>{describeRule(r)}</TableCell>
                  <TableCell>
                    <Switch
                      aria-label={`Rule ${r.name} enabled`}
                      checked={r.enabled}
                      disabled={!canEdit}
                      onChange={(_, d) => update.mutate({ ruleId: r.id, patch: { enabled: d.checked } })}
                    />
                  </TableCell>
                  {canEdit && (
                    <TableCell>
                      <Button size="small" onClick={() => remove.mutate(r.id)} aria-label={`Delete rule ${r.name}`}>
                        Delete
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canEdit &&
          (adding ? (
            <RuleForm workspaceId={workspaceId} onSaved={() => setAdding(false)} />
          ) : (
            <div>
              <Button appearance="primary" onClick={() => setAdding(true)}>
                New rule
              </Button>
            </div>
          ))}
      </div>
    </SidePanel>
  );
}
