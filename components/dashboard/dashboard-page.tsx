"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { makeStyles, MessageBar, MessageBarBody, ToolbarButton, ToolbarDivider } from "@fluentui/react-components";
import {
  AlertUrgentRegular,
  ArrowClockwiseRegular,
  CheckmarkStarburstRegular,
  DocumentPdfRegular,
  DocumentSearchRegular,
  DocumentTextRegular,
  SettingsRegular,
} from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { fimKeys } from "@/lib/client/workspaces";
import { useWorkspace } from "@/lib/client/workspaces";
import { reportHref } from "@/lib/client/dashboard";
import { DownloadButton } from "@/components/ui/download-button";
import { CommandBar } from "@/components/ui/command-bar";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardBody } from "./dashboard-body";
import { PeriodFilter } from "./period-filter";
import { RulesDrawer } from "./rules-drawer";
import { useDashboardState } from "./url-state";

const useStyles = makeStyles({
  content: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "16px" },
});

/**
 * The File integrity monitoring dashboard of one workspace: toolbar, breakdowns, Servers and Changes tabs. The page
 * composes what other features add to it: a command (Disable) and the recent activity.
 */
export function DashboardPage({ initial, commands, activity }: { initial: TWorkspaceDetails; commands?: ReactNode; activity?: ReactNode }) {
  const s = useStyles();
  const qc = useQueryClient();
  const router = useRouter();
  const search = useSearchParams();
  const { data } = useWorkspace(initial.id, initial);
  const ws = data ?? initial;
  const [state, update] = useDashboardState();
  const [rulesOpen, setRulesOpen] = useState(false);

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Home", href: "/" }, { label: "File integrity monitoring", href: "/fim" }, { label: ws.name }]}
        title={ws.name}
        subtitle="File integrity monitoring"
        icon={<DocumentSearchRegular fontSize={24} />}
      />
      <CommandBar label="Dashboard commands">
        {ws.fimEnabled && (
          <ToolbarButton icon={<SettingsRegular />} onClick={() => router.push(`/fim/workspaces/${ws.id}/settings`)}>
            Settings
          </ToolbarButton>
        )}
        <ToolbarButton icon={<CheckmarkStarburstRegular />} onClick={() => setRulesOpen(true)}>
          Expected-change rules
        </ToolbarButton>
        <ToolbarButton icon={<AlertUrgentRegular />} onClick={() => router.push(`/fim/workspaces/${ws.id}/alerts`)}>
          Alerts
        </ToolbarButton>
        <ToolbarButton icon={<DocumentTextRegular />} onClick={() => router.push(`/fim/workspaces/${ws.id}/logs`)}>
          Logs
        </ToolbarButton>
        {commands}
        <ToolbarDivider />
        <PeriodFilter period={state.period} onApply={(period) => update({ period })} />
        <DownloadButton toolbar href={reportHref(ws.id, state.period)} label="Download report" icon={<DocumentPdfRegular />} />
        <ToolbarButton icon={<ArrowClockwiseRegular />} onClick={() => qc.invalidateQueries({ queryKey: fimKeys.workspace(ws.id) })}>
          Refresh
        </ToolbarButton>
      </CommandBar>
      <div className={s.content}>
        {search.get("enabled") === "1" && ws.fimEnabled && (
          <MessageBar intent="success">
            <MessageBarBody>
              File integrity monitoring is enabled on {ws.name} with {ws.entities} tracked entities. Collection has started on its{" "}
              {ws.machines.total} machines.
            </MessageBarBody>
          </MessageBar>
        )}
        {!ws.fimEnabled && (
          <MessageBar intent="warning">
            <MessageBarBody>
              File integrity monitoring is not enabled on this workspace; the history below is what was collected before.
              {ws.can.enable && (
                <>
                  {" "}
                  <Link href={`/fim/workspaces/${ws.id}/enable`}>Enable</Link>
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        <DashboardBody workspace={ws} state={state} update={update} />
        {activity}
      </div>
      <RulesDrawer workspaceId={ws.id} open={rulesOpen} onClose={() => setRulesOpen(false)} />
    </>
  );
}
