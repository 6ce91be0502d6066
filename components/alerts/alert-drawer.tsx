"use client";

import Link from "next/link";
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { AlertStatus } from "@/lib/domain/alerts";
import { ATTRIBUTION_LABEL } from "@/lib/domain/packages";
import { useAlert, useSetAlertStatus } from "@/lib/client/alerts";
import { count, dateTime, REVIEW_BADGE, TYPE_LABEL } from "@/components/ui/format";
import { useTableStyles } from "@/components/ui/table-styles";
import { SEVERITY_BADGE, STATUS_BADGE } from "./format";
import { SidePanel } from "@/components/ui/side-panel";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: "16px", paddingBottom: "24px" },
  facts: { display: "grid", gridTemplateColumns: "160px 1fr", rowGap: "6px" },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px" },
});

const NEXT: Record<AlertStatus, AlertStatus[]> = { Active: ["Resolved", "Dismissed"], Resolved: ["Active"], Dismissed: ["Active"] };
const VERB: Record<AlertStatus, string> = { Active: "Reactivate", Resolved: "Resolve", Dismissed: "Dismiss" };

/** One alert: what raised it, its changes, its deliveries, and (for Contributors and Owners) its status. */
export function AlertDrawer(props: { workspaceId: string; alertId: string; canEdit: boolean; inWorkspace: boolean; onClose: () => void }) {
  const s = useStyles();
  const t = useTableStyles();
  const alert = useAlert(props.workspaceId, props.alertId);
  const setStatus = useSetAlertStatus(props.workspaceId);
  const a = alert.data;
  return (
    <SidePanel title={a ? a.ruleName : "Alert"} label="Alert details" onClose={props.onClose}>
      {!a ? (
        <Spinner label="Loading the alert" />
      ) : (
        <div className={s.body}>
          <div className={s.facts}>
            <Text className={s.muted}>Severity</Text>
            <span>
              <Badge appearance="filled" color={SEVERITY_BADGE[a.severity]}>
                {a.severity}
              </Badge>
            </span>
            <Text className={s.muted}>Status</Text>
            <span>
              <Badge appearance="tint" color={STATUS_BADGE[a.status]}>
                {a.status}
              </Badge>
              {a.statusChangedBy && a.statusChangedAt && (
                <Text className={s.muted}>
                  {" "}
                  by {a.statusChangedBy}, {dateTime(a.statusChangedAt)}
                </Text>
              )}
            </span>
            <Text className={s.muted}>Machine</Text>
            <Text>{a.computer}</Text>
            <Text className={s.muted}>Workspace</Text>
            <Text>{a.workspaceName}</Text>
            <Text className={s.muted}>Grouping window</Text>
            <Text>
              {dateTime(a.windowStart)} – {dateTime(a.windowEnd)}
            </Text>
            <Text className={s.muted}>Changes</Text>
            <Text>{count(a.changeCount)}</Text>
          </div>
          {props.canEdit && (
            <div className={s.actions}>
              {NEXT[a.status].map((next) => (
                <Button
                  key={next}
                  appearance={next === "Resolved" ? "primary" : "secondary"}
                  disabled={setStatus.isPending}
                  onClick={() => setStatus.mutate({ alertId: a.id, status: next }, { onSuccess: () => alert.refetch() })}
                >
                  {VERB[next]}
                </Button>
              ))}
            </div>
          )}
          {!props.inWorkspace && <Link href={`/fim/workspaces/${a.workspaceId}/alerts`}>Open the workspace&apos;s alerts</Link>}
          {setStatus.error && (
            <MessageBar intent="error">
              <MessageBarBody>{setStatus.error.message}</MessageBarBody>
            </MessageBar>
          )}
          <Table size="small" aria-label="Changes of the alert" className={t.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={t.head}>Time</TableHeaderCell>
                <TableHeaderCell className={t.head}>Change</TableHeaderCell>
                <TableHeaderCell className={t.head} style={{ width: "45%" }}>
                  Path or key
                </TableHeaderCell>
                <TableHeaderCell className={t.head}>Review</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {a.changes.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{dateTime(c.timeGenerated)}</TableCell>
                  <TableCell>
                    {TYPE_LABEL[c.changeType]} · {c.category}
                    {c.attribution && <span className={t.sub}> · {ATTRIBUTION_LABEL[c.attribution]}</span>}
                  </TableCell>
                  <TableCell>
                    <span className={`${t.ellipsis} ${t.mono}`} title={c.target}>
                      {c.target}
                    </span>
                  </TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={REVIEW_BADGE[c.reviewState]}>
                      {c.reviewState}
                    </Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text weight="semibold">Deliveries</Text>
          {a.deliveries.length === 0 ? (
            <Text className={s.muted}>Its rule sends to no destination: the alert is shown here only.</Text>
          ) : (
            a.deliveries.map((d) => (
              <Text key={d.destinationId}>
                {d.destinationName}: {d.status}
                {d.deliveredAt ? `, ${dateTime(d.deliveredAt)}` : ""} ({d.attempts} attempt{d.attempts === 1 ? "" : "s"})
                {d.lastError ? ` · last error: ${d.lastError}` : ""}
              </Text>
            ))
          )}
        </div>
      )}
    </SidePanel>
  );
}
