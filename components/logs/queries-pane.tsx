"use client";

import { useState } from "react";
import { Button, makeStyles, Spinner, Tab, TabList, Text, tokens, Tooltip } from "@fluentui/react-components";
import { DeleteRegular, HistoryRegular, PlayRegular, SaveRegular } from "@fluentui/react-icons";
import { useDeleteSavedQuery, useRecentQueries, useSavedQueries } from "@/lib/client/logs";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadError } from "@/components/ui/load-error";
import { dateTime } from "@/components/ui/format";
import { timeRangeLabel } from "./time-range";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: 0,
    background: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  list: { listStyle: "none", margin: 0, padding: "4px 0", overflowY: "auto", flexGrow: 1 },
  item: {
    display: "flex",
    alignItems: "flex-start",
    gap: "4px",
    padding: "6px 8px 6px 12px",
    ":hover": { background: tokens.colorSubtleBackgroundHover },
  },
  load: {
    flexGrow: 1,
    minWidth: 0,
    textAlign: "left",
    background: "none",
    border: "none",
    padding: 0,
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  name: { display: "block", fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  text: {
    display: "block",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  empty: { margin: 0, padding: "16px 12px", color: tokens.colorNeutralForeground3 },
});

export type PickedQuery = { query: string; timespan: string };

/** The Logs blade's Queries pane: the workspace's saved queries and the user's recent ones; a click loads one. */
export function QueriesPane({
  workspaceId,
  onLoad,
  onRun,
}: {
  workspaceId: string;
  onLoad: (q: PickedQuery) => void;
  onRun: (q: PickedQuery) => void;
}) {
  const s = useStyles();
  const [tab, setTab] = useState<"saved" | "recent">("saved");
  const saved = useSavedQueries(workspaceId);
  const recent = useRecentQueries(workspaceId);
  const remove = useDeleteSavedQuery(workspaceId);
  const current = tab === "saved" ? saved : recent;

  return (
    <aside className={s.root} aria-label="Queries">
      <TabList size="small" selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as "saved" | "recent")}>
        <Tab value="saved" icon={<SaveRegular />}>
          Saved queries
        </Tab>
        <Tab value="recent" icon={<HistoryRegular />}>
          Recent
        </Tab>
      </TabList>
      {current.isError && (
        <LoadError
          what={tab === "saved" ? "the saved queries" : "the recent queries"}
          error={current.error}
          onRetry={() => current.refetch()}
        />
      )}
      {current.isPending && <Spinner size="tiny" label="Loading" style={{ padding: 16 }} />}
      {tab === "saved" && saved.data?.queries.length === 0 && (
        <Text as="p" className={s.empty}>
          {saved.data.canSave ? "No saved queries yet. Write a query and choose Save." : "No saved queries in this workspace yet."}
        </Text>
      )}
      {tab === "recent" && recent.data?.queries.length === 0 && (
        <Text as="p" className={s.empty}>
          Queries you run appear here.
        </Text>
      )}
      {tab === "saved" && !!saved.data?.queries.length && (
        <ul className={s.list} aria-label="Saved queries">
          {saved.data.queries.map((q) => (
            <li key={q.id} className={s.item}>
              <button type="button" className={s.load} onClick={() => onLoad(q)} title={q.description || q.query}>
                <span className={s.name}>{q.name}</span>
                <span className={s.text}>
                  {timeRangeLabel(q.timespan)} · {q.createdBy}
                </span>
              </button>
              <Tooltip content={`Run ${q.name}`} relationship="label">
                <Button size="small" appearance="subtle" icon={<PlayRegular />} onClick={() => onRun(q)} />
              </Tooltip>
              {saved.data.canSave && (
                <ConfirmDialog
                  trigger={<Button size="small" appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete ${q.name}`} />}
                  title={`Delete the query ${q.name}?`}
                  confirmLabel="Delete"
                  pending={remove.isPending}
                  onConfirm={() => remove.mutate(q.id)}
                >
                  It is removed from this workspace&apos;s saved queries for everyone.
                </ConfirmDialog>
              )}
            </li>
          ))}
        </ul>
      )}
      {tab === "recent" && !!recent.data?.queries.length && (
        <ul className={s.list} aria-label="Recent queries">
          {recent.data.queries.map((q) => (
            <li key={q.id} className={s.item}>
              <button type="button" className={s.load} onClick={() => onLoad(q)} title={q.query}>
                <span className={s.text} style={{ color: tokens.colorNeutralForeground1 }}>
                  {q.query.replace(/\s+/g, " ")}
                </span>
                <span className={s.text}>
                  {dateTime(q.ranAt)} · {timeRangeLabel(q.timespan)}
                </span>
              </button>
              <Tooltip content="Run this query" relationship="label">
                <Button size="small" appearance="subtle" icon={<PlayRegular />} onClick={() => onRun(q)} />
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
