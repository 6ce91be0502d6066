"use client";

import { makeStyles, Skeleton, SkeletonItem, Text, tokens } from "@fluentui/react-components";
import { HistoryRegular } from "@fluentui/react-icons";
import { useAuditEvents } from "@/lib/client/workspaces";

const useStyles = makeStyles({
  root: { background: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "12px 16px" },
  title: { display: "flex", alignItems: "center", gap: "8px", fontWeight: tokens.fontWeightSemibold, margin: "0 0 8px", fontSize: "14px" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  meta: { color: tokens.colorNeutralForeground3, fontSize: "12px", display: "block" },
});

/** Who enabled, disabled, upgraded or edited what on this workspace, newest first. */
export function AuditPanel({ workspaceId }: { workspaceId: string }) {
  const s = useStyles();
  const { data, isLoading, isError } = useAuditEvents(workspaceId);
  return (
    <section className={s.root} aria-label="Recent activity">
      <h2 className={s.title}>
        <HistoryRegular /> Recent activity
      </h2>
      {isLoading && (
        <Skeleton aria-label="Loading activity">
          <SkeletonItem />
          <SkeletonItem style={{ marginTop: 8 }} />
        </Skeleton>
      )}
      {isError && <Text>Could not load the activity of this workspace.</Text>}
      {data && data.events.length === 0 && <Text className={s.meta}>No configuration activity yet.</Text>}
      {data && data.events.length > 0 && (
        <ul className={s.list}>
          {data.events.map((e) => (
            <li key={e.id}>
              <Text>{e.summary}</Text>
              <Text className={s.meta}>
                {e.actorEmail} · {new Date(e.at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
