"use client";

import { Link, makeStyles, Tab, TabList, Text, tokens } from "@fluentui/react-components";
import { CalendarClockRegular } from "@fluentui/react-icons";
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { DEFAULT_PRESET, periodLabel } from "@/lib/domain/dashboard-period";
import { ChangeDetailsPanel } from "./change-details";
import { ChangesTab } from "./changes-tab";
import { useSummary } from "@/lib/client/dashboard";
import { NeedsALook } from "./needs-a-look";
import { ServersTab } from "./servers-tab";
import { SummaryHeader } from "./summary-header";
import type { DashboardState } from "./url-state";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "16px" },
  period: { display: "flex", alignItems: "center", gap: "8px", color: tokens.colorNeutralForeground2 },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  panel: { minHeight: "420px" },
});

/** Breakdowns, the Servers and Changes tabs, and the Change details panel; all of it follows the URL's state. */
export function DashboardBody({
  workspace,
  state,
  update,
}: {
  workspace: TWorkspaceDetails;
  state: DashboardState;
  update: (p: Partial<DashboardState>) => void;
}) {
  const s = useStyles();
  const summary = useSummary(workspace.id, state.period);
  const isDefault = "preset" in state.period && state.period.preset === DEFAULT_PRESET;

  return (
    <div className={s.root}>
      <div className={s.period}>
        <CalendarClockRegular />
        <Text>
          Time range: <strong suppressHydrationWarning>{periodLabel(state.period)}</strong>
        </Text>
        {!isDefault && (
          <Link as="button" onClick={() => update({ period: { preset: DEFAULT_PRESET } })}>
            Reset to last 7 days
          </Link>
        )}
      </div>
      <NeedsALook summary={summary.data} onFilter={(f) => update({ ...f, type: null, category: null, q: "", tab: "changes" })} />
      <SummaryHeader
        summary={summary.data}
        loading={summary.isFetching}
        error={summary.error}
        retry={() => summary.refetch()}
        filter={{ type: state.type, category: state.category }}
        onSlice={(f) => update({ ...f, tab: "changes" })}
        onBucket={(start, width) => {
          const from = new Date(start);
          update({ period: { from, to: new Date(from.getTime() + width - 1) }, tab: "changes" });
        }}
      />
      <TabList
        className={s.tabs}
        selectedValue={state.tab}
        onTabSelect={(_, d) => update({ tab: d.value as DashboardState["tab"] })}
        aria-label="Dashboard views"
      >
        <Tab value="servers">Servers</Tab>
        <Tab value="changes">Changes</Tab>
      </TabList>
      <div className={s.panel} role="tabpanel" aria-label={state.tab === "servers" ? "Servers" : "Changes"}>
        {state.tab === "servers" ? (
          <ServersTab workspaceId={workspace.id} state={state} update={update} />
        ) : (
          <ChangesTab
            workspaceId={workspace.id}
            state={state}
            update={update}
            summary={summary.data}
            canReview={workspace.can.reviewChanges}
          />
        )}
      </div>
      <ChangeDetailsPanel
        workspaceId={workspace.id}
        changeId={state.change}
        canReview={workspace.can.reviewChanges}
        onClose={() => update({ change: null })}
      />
    </div>
  );
}
