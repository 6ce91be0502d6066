"use client";

import { Fragment, useEffect, useRef, useState } from "react";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Skeleton,
  SkeletonItem,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Tooltip,
  useArrowNavigationGroup,
} from "@fluentui/react-components";
import {
  ChevronDownRegular,
  ChevronRightRegular,
  CopyRegular,
  DismissRegular,
  DocumentTextRegular,
  OpenRegular,
} from "@fluentui/react-icons";
import type { TChangeRow } from "@/lib/contracts/changes";
import { dateTime } from "@/components/ui/format";
import { Pager } from "./pager";
import { useMachineChanges } from "@/lib/client/dashboard";
import { MachineHealthBar } from "./machine-health";
import { VisibleText } from "@/components/ui/visible-text";
import { Busy, useTableStyles, StatusRows } from "@/components/ui/table-styles";
import type { DashboardState } from "./url-state";
import { ChangeValues } from "./change-values";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "16px",
    background: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: "flex", alignItems: "center", gap: "8px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  label: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  query: {
    margin: 0,
    padding: "12px 16px",
    background: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: "20px",
    whiteSpace: "pre-wrap",
    overflowX: "auto",
  },
  queryRow: { display: "flex", alignItems: "flex-start", gap: "8px" },
  queryActions: { display: "flex", flexDirection: "column", alignItems: "stretch", gap: "8px" },
  expanded: { background: tokens.colorNeutralBackground2, padding: "8px 16px 12px 40px" },
  chevron: { minWidth: "24px" },
});

/** A selected machine: the Log Analytics query, as the portal shows it, and its results; a row expands for more. */
export function MachineQuery({
  workspaceId,
  state,
  update,
}: {
  workspaceId: string;
  state: DashboardState;
  update: (p: Partial<DashboardState>) => void;
}) {
  const s = useStyles();
  const t = useTableStyles();
  const arrows = useArrowNavigationGroup({ axis: "vertical", memorizeCurrent: true });
  const query = useMachineChanges(workspaceId, state.machine, state.period, state.machineCursor);
  const [open, setOpen] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const data = query.data;
  const section = useRef<HTMLElement>(null);
  // A computer selected low in a long list: bring its query into view.
  useEffect(() => {
    section.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [state.machine]);

  const copy = async () => {
    if (!data) return;
    await navigator.clipboard.writeText(data.query).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const toggle = (row: TChangeRow) => setOpen(open === row.id ? null : row.id);

  return (
    <section ref={section} className={s.root} aria-label="Selected computer">
      <div className={s.head}>
        <h2 className={s.title}>{data ? `Changes on ${data.machine.name}` : "Changes on the selected computer"}</h2>
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label="Close the selected computer"
          onClick={() => update({ machine: null })}
        />
      </div>
      <MachineHealthBar workspaceId={workspaceId} machineId={state.machine} period={state.period} />
      {query.isError && !data ? (
        <MessageBar intent="error">
          <MessageBarBody>Could not run the query for this computer: {query.error.message}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => query.refetch()}>
              Try again
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <>
          <Text className={s.label}>Query</Text>
          <div className={s.queryRow}>
            {data ? (
              <pre className={s.query} style={{ flexGrow: 1 }} aria-label="Log Analytics query">
                {data.query}
              </pre>
            ) : (
              <Skeleton style={{ flexGrow: 1 }} aria-label="Loading the query">
                <SkeletonItem style={{ height: 104 }} />
              </Skeleton>
            )}
            <div className={s.queryActions}>
              <Tooltip content={copied ? "Copied" : "Copy the query"} relationship="label">
                <Button icon={<CopyRegular />} onClick={copy} disabled={!data} />
              </Tooltip>
              {data && (
                <Button
                  as="a"
                  icon={<DocumentTextRegular />}
                  href={`/fim/workspaces/${workspaceId}/logs?query=${encodeURIComponent(data.query)}`}
                >
                  Open in Logs
                </Button>
              )}
            </div>
          </div>
          <Text className={s.label}>Results</Text>
          <div className={t.frame}>
            <Busy busy={query.isFetching && !!data} />
            <Table className={t.table} size="small" aria-label="Query results" aria-busy={query.isFetching}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 40 }}>
                    <span style={{ position: "absolute", left: -9999 }}>Expand</span>
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head} style={{ width: "20%" }}>
                    TimeGenerated
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head} style={{ width: "14%" }}>
                    ConfigChangeType
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head} style={{ width: "13%" }}>
                    ChangeCategory
                  </TableHeaderCell>
                  <TableHeaderCell className={t.head}>Path or key</TableHeaderCell>
                  <TableHeaderCell className={t.head} style={{ width: "20%" }}>
                    FieldsChanged
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody {...arrows}>
                <StatusRows
                  loading={!data}
                  empty={data?.changes.length === 0}
                  skeletons={5}
                  colSpan={6}
                  loadingLabel="Loading results"
                  emptyText="No changes on this computer in the selected period."
                />
                {data?.changes.map((row) => (
                  <Fragment key={row.id}>
                    <TableRow
                      tabIndex={0}
                      className={t.row}
                      onClick={() => toggle(row)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          toggle(row);
                        }
                      }}
                    >
                      <TableCell>
                        {/* The row toggles too; this button says so to assistive technology (a grid row cannot). */}
                        <Button
                          appearance="transparent"
                          size="small"
                          tabIndex={-1}
                          aria-expanded={open === row.id}
                          aria-label="Show the values"
                          icon={open === row.id ? <ChevronDownRegular /> : <ChevronRightRegular />}
                          onClick={(e) => {
                            e.stopPropagation();
                            toggle(row);
                          }}
                        />
                      </TableCell>
                      <TableCell>{dateTime(row.timeGenerated)}</TableCell>
                      <TableCell>{row.changeType}</TableCell>
                      <TableCell>{row.category}</TableCell>
                      <TableCell>
                        <span className={`${t.wrap} ${t.mono}`} title={row.target}>
                          <VisibleText text={row.target} />
                        </span>
                      </TableCell>
                      <TableCell>
                        <span className={t.ellipsis}>{row.fieldsChanged || "—"}</span>
                      </TableCell>
                    </TableRow>
                    {open === row.id && (
                      <TableRow>
                        <TableCell colSpan={6} className={s.expanded}>
                          <ChangeValues workspaceId={workspaceId} changeId={row.id} compact />
                          <Button size="small" icon={<OpenRegular />} onClick={() => update({ change: row.id })} style={{ marginTop: 8 }}>
                            Change details
                          </Button>
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </div>
          {data && (data.nextCursor || data.prevCursor) && (
            <Pager
              label="Query results pages"
              text={`Page ${state.machinePage}`}
              hasPrev={!!data.prevCursor}
              hasNext={!!data.nextCursor}
              busy={query.isFetching}
              onPrev={() => update({ machineCursor: data.prevCursor, machinePage: Math.max(1, state.machinePage - 1) })}
              onNext={() => update({ machineCursor: data.nextCursor, machinePage: state.machinePage + 1 })}
            />
          )}
        </>
      )}
    </section>
  );
}
