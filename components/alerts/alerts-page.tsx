"use client";

import { useState } from "react";
import {
  Badge,
  Dropdown,
  Input,
  makeStyles,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  ToolbarButton,
} from "@fluentui/react-components";
import { AlertUrgentRegular, ArrowClockwiseRegular, MailInboxRegular, SearchRegular, ShieldTaskRegular } from "@fluentui/react-icons";
import type { TAlertQuery } from "@/lib/contracts/alerts";
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertSeverity, type AlertStatus } from "@/lib/domain/alerts";
import { useAlerts } from "@/lib/client/alerts";
import { CommandBar } from "@/components/ui/command-bar";
import { count, dateTime } from "@/components/ui/format";
import { LoadError } from "@/components/ui/load-error";
import { PageHeader, type Crumb } from "@/components/ui/page-header";
import { Busy, StatusRows, useTableStyles } from "@/components/ui/table-styles";
import { AlertDrawer } from "./alert-drawer";
import { AlertRulesDrawer } from "./alert-rules-drawer";
import { DestinationsDrawer } from "./destinations-drawer";
import { SEVERITY_BADGE, STATUS_BADGE } from "./format";

const useStyles = makeStyles({
  content: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "12px" },
  filters: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const ALL = "all";

/** Alerts of one workspace (with its rules and destinations) or, without a workspace, of every workspace. */
export function AlertsPage({ workspace, openAlertId }: { workspace: { id: string; name: string } | null; openAlertId?: string }) {
  const s = useStyles();
  const t = useTableStyles();
  const [status, setStatus] = useState<AlertStatus | null>("Active");
  const [severity, setSeverity] = useState<AlertSeverity | null>(null);
  const [q, setQ] = useState("");
  // A message's link (…/alerts?alert=<id>) opens that alert.
  const [open, setOpen] = useState<{ workspaceId: string; alertId: string } | null>(
    workspace && openAlertId ? { workspaceId: workspace.id, alertId: openAlertId } : null,
  );
  const [drawer, setDrawer] = useState<"rules" | "destinations" | null>(null);
  const query: TAlertQuery = { ...(status ? { status } : {}), ...(severity ? { severity } : {}), ...(q.trim() ? { q: q.trim() } : {}) };
  const alerts = useAlerts(workspace?.id ?? null, query);
  const rows = alerts.data?.alerts ?? [];
  const crumbs: Crumb[] = [
    { label: "Home", href: "/fim" },
    { label: "File integrity monitoring", href: "/fim" },
  ];
  if (workspace) crumbs.push({ label: workspace.name, href: `/fim/workspaces/${workspace.id}` });
  crumbs.push({ label: "Alerts" });

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={workspace ? `Alerts · ${workspace.name}` : "Alerts"}
        subtitle={workspace ? "File integrity monitoring alerts of this workspace" : "File integrity monitoring alerts of every workspace"}
        icon={<AlertUrgentRegular fontSize={24} />}
      />
      <CommandBar label="Alert commands">
        {workspace && (
          <>
            <ToolbarButton icon={<ShieldTaskRegular />} onClick={() => setDrawer("rules")}>
              Alert rules
            </ToolbarButton>
            <ToolbarButton icon={<MailInboxRegular />} onClick={() => setDrawer("destinations")}>
              Destinations
            </ToolbarButton>
          </>
        )}
        <ToolbarButton icon={<ArrowClockwiseRegular />} onClick={() => alerts.refetch()}>
          Refresh
        </ToolbarButton>
      </CommandBar>
      <div className={s.content}>
        <div className={s.filters}>
          <Input
            contentBefore={<SearchRegular />}
            placeholder="Search rule or machine"
            aria-label="Search alerts"
            value={q}
            onChange={(_, d) => setQ(d.value)}
          />
          <Dropdown
            aria-label="Status"
            value={status ?? "All statuses"}
            selectedOptions={[status ?? ALL]}
            onOptionSelect={(_, d) => setStatus(d.optionValue === ALL ? null : (d.optionValue as AlertStatus))}
          >
            <Option value={ALL}>All statuses</Option>
            {ALERT_STATUSES.map((v) => (
              <Option key={v}>{v}</Option>
            ))}
          </Dropdown>
          <Dropdown
            aria-label="Severity"
            value={severity ?? "All severities"}
            selectedOptions={[severity ?? ALL]}
            onOptionSelect={(_, d) => setSeverity(d.optionValue === ALL ? null : (d.optionValue as AlertSeverity))}
          >
            <Option value={ALL}>All severities</Option>
            {ALERT_SEVERITIES.map((v) => (
              <Option key={v}>{v}</Option>
            ))}
          </Dropdown>
          {alerts.data && (
            <Text className={s.muted}>
              {count(alerts.data.total)} alert{alerts.data.total === 1 ? "" : "s"} · {count(alerts.data.active)} active
            </Text>
          )}
        </div>
        {alerts.error ? (
          <LoadError what="alerts" error={alerts.error} onRetry={() => alerts.refetch()} />
        ) : (
          <div className={t.frame}>
            <Busy busy={alerts.isFetching && !!alerts.data} />
            <Table size="small" aria-label="Alerts" className={t.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={t.head} style={{ width: 110 }}>
                    Severity
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head}>Alert</TableHeaderCell>
                  {!workspace && <TableHeaderCell className={t.head}>Workspace</TableHeaderCell>}
                  <TableHeaderCell className={t.head}>Machine</TableHeaderCell>
                  <TableHeaderCell className={`${t.head} ${t.num}`} style={{ width: 90 }}>
                    Changes
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head} style={{ width: 110 }}>
                    Status
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head}>Raised</TableHeaderCell>
                  <TableHeaderCell className={t.head}>Status changed by</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                <StatusRows
                  loading={!alerts.data}
                  empty={rows.length === 0}
                  skeletons={5}
                  colSpan={workspace ? 7 : 8}
                  loadingLabel="Loading alerts"
                  emptyText="No alerts match. Alert rules raise an alert when a new change meets their criteria."
                />
                {rows.map((a) => (
                  <TableRow
                    key={a.id}
                    className={t.row}
                    tabIndex={0}
                    onClick={() => setOpen({ workspaceId: a.workspaceId, alertId: a.id })}
                    onKeyDown={(e) => e.key === "Enter" && setOpen({ workspaceId: a.workspaceId, alertId: a.id })}
                  >
                    <TableCell>
                      <Badge appearance="filled" color={SEVERITY_BADGE[a.severity]}>
                        {a.severity}
                      </Badge>
                    </TableCell>
                    <TableCell>
                      <span className={t.ellipsis}>{a.ruleName}</span>
                    </TableCell>
                    {!workspace && (
                      <TableCell>
                        <span className={t.ellipsis}>{a.workspaceName}</span>
                      </TableCell>
                    )}
                    <TableCell>
                      <span className={t.ellipsis}>{a.computer}</span>
                    </TableCell>
                    <TableCell className={t.num}>{count(a.changeCount)}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={STATUS_BADGE[a.status]}>
                        {a.status}
                      </Badge>
                    </TableCell>
                    <TableCell>{dateTime(a.createdAt)}</TableCell>
                    <TableCell>
                      <span className={t.ellipsis}>{a.statusChangedBy ?? "—"}</span>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </div>
      {/* Mounted once the list has answered (on the client): a drawer open from the server's first render did not show. */}
      {open && alerts.data && (
        <AlertDrawer
          workspaceId={open.workspaceId}
          alertId={open.alertId}
          canEdit={workspace ? (alerts.data?.canEdit ?? false) : false}
          inWorkspace={workspace !== null}
          onClose={() => setOpen(null)}
        />
      )}
      {workspace && <AlertRulesDrawer workspaceId={workspace.id} open={drawer === "rules"} onClose={() => setDrawer(null)} />}
      {workspace && <DestinationsDrawer workspaceId={workspace.id} open={drawer === "destinations"} onClose={() => setDrawer(null)} />}
    </>
  );
}
