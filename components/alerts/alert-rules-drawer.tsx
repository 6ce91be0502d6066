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
import { DeleteRegular } from "@fluentui/react-icons";
import type { TAlertRule } from "@/lib/contracts/alerts";
import { ATTRIBUTION_LABEL } from "@/lib/domain/packages";
import { ENTITY_KIND_LABEL } from "@/lib/domain/types";
import { useAlertRules, useDeleteAlertRule, useDestinations, useUpdateAlertRule } from "@/lib/client/alerts";
import { TYPE_LABEL } from "@/components/ui/format";
import { SidePanel } from "@/components/ui/side-panel";
import { AlertRuleForm } from "./alert-rule-form";
import { SEVERITY_BADGE } from "./format";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: "16px", paddingBottom: "24px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A rule's criteria in words. */
function describe(r: TAlertRule, destinations: Map<string, string>): string {
  const parts: string[] = [];
  if (r.reviewState) parts.push(r.reviewState);
  if (r.attribution) parts.push(ATTRIBUTION_LABEL[r.attribution]);
  if (r.changeType) parts.push(TYPE_LABEL[r.changeType]);
  if (r.category) parts.push(r.category);
  if (r.entityKind) parts.push(ENTITY_KIND_LABEL[r.entityKind]);
  if (r.pathPattern) parts.push(`path ${r.pathPattern}`);
  if (r.machineIds.length) parts.push(`${r.machineIds.length} machine${r.machineIds.length === 1 ? "" : "s"}`);
  parts.push(`${r.windowMinutes} min window`);
  const to = r.destinationIds.map((id) => destinations.get(id) ?? "?");
  parts.push(to.length ? `to ${to.join(", ")}` : "portal only");
  return parts.join(" · ");
}

/** Alert rules of the workspace: the list (switch, delete) and a new rule (Owners). */
export function AlertRulesDrawer({ workspaceId, open, onClose }: { workspaceId: string; open: boolean; onClose: () => void }) {
  const s = useStyles();
  const rules = useAlertRules(workspaceId, open);
  const destinations = useDestinations(workspaceId, open);
  const update = useUpdateAlertRule(workspaceId);
  const remove = useDeleteAlertRule(workspaceId);
  const [adding, setAdding] = useState(false);
  const names = new Map((destinations.data?.destinations ?? []).map((d) => [d.id, d.name]));

  return (
    <SidePanel title="Alert rules" label="Alert rules" open={open} onClose={onClose}>
      <div className={s.body}>
        <Text className={s.muted}>
          A new change that meets every criterion of an enabled rule raises an alert, one per rule and machine per grouping window, sent to
          the rule&apos;s destinations.
        </Text>
        {!rules.data ? (
          <Spinner label="Loading alert rules" />
        ) : (
          <Table size="small" aria-label="Alert rules list">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Severity</TableHeaderCell>
                <TableHeaderCell>Criteria</TableHeaderCell>
                <TableHeaderCell>On</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.data.rules.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.name}</TableCell>
                  <TableCell>
                    <Badge appearance="filled" color={SEVERITY_BADGE[r.severity]}>
                      {r.severity}
                    </Badge>
                  </TableCell>
                  <TableCell>{describe(r, names)}</TableCell>
                  <TableCell>
                    <Switch
                      aria-label={`${r.name} enabled`}
                      checked={r.enabled}
                      disabled={!rules.data.canEdit || update.isPending}
                      onChange={(_, d) => update.mutate({ ruleId: r.id, patch: { enabled: d.checked } })}
                    />
                  </TableCell>
                  <TableCell>
                    {rules.data.canCreate && (
                      <Button size="small" icon={<DeleteRegular />} aria-label={`Delete ${r.name}`} onClick={() => remove.mutate(r.id)} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
              {rules.data.rules.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>No alert rules yet.</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        )}
        {rules.data?.canCreate &&
          (adding ? (
            <AlertRuleForm
              workspaceId={workspaceId}
              destinations={destinations.data?.destinations ?? []}
              onSaved={() => setAdding(false)}
            />
          ) : (
            <div>
              <Button appearance="primary" onClick={() => setAdding(true)}>
                New alert rule
              </Button>
            </div>
          ))}
      </div>
    </SidePanel>
  );
}
