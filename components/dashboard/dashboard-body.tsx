"use client";

import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { TWorkspaceDetails } from "@/app/api/workspaces/[id]/schema";

const useStyles = makeStyles({
  tiles: { display: "flex", gap: "16px" },
  tile: { background: "#fff", border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "12px 16px", minWidth: "200px" },
  label: { color: tokens.colorNeutralForeground3, fontSize: "12px", display: "block" },
  value: { fontSize: "28px", fontWeight: tokens.fontWeightSemibold },
});

/** Breakdowns and tabs of the dashboard. */
export function DashboardBody({ workspace }: { workspace: TWorkspaceDetails }) {
  const s = useStyles();
  return (
    <div className={s.tiles}>
      <div className={s.tile}>
        <Text className={s.label}>Total machines connected</Text>
        <Text className={s.value}>{workspace.machines.total}</Text>
      </div>
      <div className={s.tile}>
        <Text className={s.label}>Tracked entities</Text>
        <Text className={s.value}>{workspace.entities}</Text>
      </div>
    </div>
  );
}
