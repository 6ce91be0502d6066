"use client";

import {
  makeStyles,
  mergeClasses,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useArrowNavigationGroup,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import {
  CheckmarkCircleFilled,
  DesktopRegular,
  DismissCircleFilled,
  PauseCircleRegular,
  ServerRegular,
  WarningFilled,
} from "@fluentui/react-icons";
import type { TServerRow, TServerSort } from "@/lib/contracts/machines";
import { MACHINE_STATE_LABEL, type MachineState } from "@/lib/domain/machine-state";
import { count, dateTime } from "@/components/ui/format";
import { MachineQuery } from "./machine-query";
import { Pager } from "./pager";
import { machinesCsvHref, useServers } from "@/lib/client/dashboard";
import { DownloadButton } from "@/components/ui/download-button";
import { Busy, useTableStyles, StatusRows } from "@/components/ui/table-styles";
import type { DashboardState } from "./url-state";
import { LoadError } from "@/components/ui/load-error";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  bar: { display: "flex", alignItems: "center", gap: "12px" },
  machine: { display: "flex", alignItems: "center", gap: "8px", minWidth: 0 },
  state: { display: "flex", alignItems: "flex-start", gap: "6px", padding: "6px 0", "& svg": { flexShrink: 0, marginTop: "2px" } },
  count: { color: tokens.colorNeutralForeground3 },
});

// Every column has a share (the table's layout is fixed): the computer's name keeps the widest, whatever the screen.
const COLUMNS: { sort: TServerSort; label: string; numeric: boolean; width: string }[] = [
  { sort: "name", label: "Computer", numeric: false, width: "17%" },
  { sort: "total", label: "Total changes", numeric: true, width: "9%" },
  { sort: "files", label: "File changes", numeric: true, width: "8%" },
  { sort: "registry", label: "Registry changes", numeric: true, width: "9%" },
  { sort: "services", label: "Windows services changes", numeric: true, width: "11%" },
];

/** Each state's icon: its colour and shape tell the states apart, the text names it. */
const STATE_ICON: Record<MachineState, ReactNode> = {
  REPORTING: <CheckmarkCircleFilled color={tokens.colorPaletteGreenForeground1} aria-hidden />,
  REPORTING_WITH_ERRORS: <WarningFilled color={tokens.colorPaletteDarkOrangeForeground1} aria-hidden />,
  NOT_COLLECTING: <PauseCircleRegular color={tokens.colorNeutralForeground3} aria-hidden />,
  NOT_REPORTING: <DismissCircleFilled color={tokens.colorPaletteRedForeground1} aria-hidden />,
};

/** The Servers tab: each machine with its changes in the period; selecting one shows its query and results. */
export function ServersTab({
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
  const query = useServers(workspaceId, state.period, {
    sort: state.serverSort,
    dir: state.serverDir,
    page: state.serverPage,
    q: state.serverQ,
  });
  const data = query.data;

  const sortBy = (sort: TServerSort) =>
    update(
      sort === state.serverSort
        ? { serverDir: state.serverDir === "asc" ? "desc" : "asc" }
        : { serverSort: sort, serverDir: sort === "name" ? "asc" : "desc" },
    );
  const select = (row: TServerRow) => update({ machine: row.id === state.machine ? null : row.id });

  return (
    <div className={s.root}>
      <div className={s.bar}>
        <SearchBox
          placeholder="Search computers"
          aria-label="Search computers"
          value={state.serverQ}
          onChange={(_, d) => update({ serverQ: d.value })}
          style={{ width: 280 }}
        />
        {data && (
          <Text className={s.count}>
            {count(data.total)} {data.total === 1 ? "computer" : "computers"}
          </Text>
        )}
        <DownloadButton
          href={machinesCsvHref(workspaceId, state.period, { sort: state.serverSort, dir: state.serverDir, q: state.serverQ })}
        />
      </div>
      {query.isError && !data ? (
        <LoadError what="the computers" error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <div className={t.frame}>
          <Busy busy={query.isFetching && !!data} />
          <Table className={t.table} sortable aria-label="Computers" aria-busy={query.isFetching} size="small">
            <TableHeader>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableHeaderCell
                    key={c.sort}
                    className={mergeClasses(t.head, c.numeric && t.num)}
                    style={{ width: c.width }}
                    sortDirection={state.serverSort === c.sort ? (state.serverDir === "asc" ? "ascending" : "descending") : undefined}
                    onClick={() => sortBy(c.sort)}
                  >
                    {c.label}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell className={mergeClasses(t.head, t.num)} style={{ width: "9%" }}>
                  Unreviewed
                </TableHeaderCell>
                <TableHeaderCell className={t.head} style={{ width: "13%" }}>
                  Status
                </TableHeaderCell>
                <TableHeaderCell className={t.head} style={{ width: "13%" }}>
                  Last report
                </TableHeaderCell>
                <TableHeaderCell className={t.head} style={{ width: "11%" }}>
                  <span title="Since then the content of every tracked file was read and hashed again">Fully verified</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody {...arrows}>
              <StatusRows
                loading={!data}
                empty={data?.rows.length === 0}
                skeletons={8}
                colSpan={9}
                loadingLabel="Loading computers"
                emptyText={state.serverQ ? `No computer name contains "${state.serverQ}".` : "No computers report to this workspace yet."}
              />
              {data?.rows.map((row) => {
                const selected = row.id === state.machine;
                return (
                  <TableRow
                    key={row.id}
                    tabIndex={0}
                    aria-selected={selected}
                    className={mergeClasses(t.row, selected && t.selected)}
                    onClick={() => select(row)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" || e.key === " ") {
                        e.preventDefault();
                        select(row);
                      }
                    }}
                  >
                    <TableCell>
                      <span className={s.machine}>
                        {row.osFamily === "WINDOWS" ? <DesktopRegular aria-label="Windows" /> : <ServerRegular aria-label="Linux" />}
                        <span className={t.ellipsis}>{row.name}</span>
                      </span>
                    </TableCell>
                    <TableCell className={t.num}>{count(row.total)}</TableCell>
                    <TableCell className={t.num}>{count(row.files)}</TableCell>
                    <TableCell className={t.num}>{count(row.registry)}</TableCell>
                    <TableCell className={t.num}>{count(row.services)}</TableCell>
                    <TableCell className={t.num} aria-label={`${row.unreviewed} unreviewed`}>
                      {row.unreviewed > 0 ? <strong>{count(row.unreviewed)}</strong> : "0"}
                    </TableCell>
                    <TableCell>
                      <span className={s.state} title={row.entityErrors.map((e) => `${e.entity}: ${e.error}`).join("\n") || undefined}>
                        {STATE_ICON[row.state]}
                        {MACHINE_STATE_LABEL[row.state]}
                      </span>
                    </TableCell>
                    <TableCell>
                      <span className={t.sub}>{row.lastReportAt ? dateTime(row.lastReportAt) : "Never"}</span>
                    </TableCell>
                    <TableCell>
                      <span className={t.sub}>{row.lastFullVerificationAt ? dateTime(row.lastFullVerificationAt) : "—"}</span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {data && data.pageCount > 1 && (
        <Pager
          label="Computers pages"
          text={`Page ${data.page} of ${data.pageCount}`}
          hasPrev={data.page > 1}
          hasNext={data.page < data.pageCount}
          busy={query.isFetching}
          onPrev={() => update({ serverPage: data.page - 1 })}
          onNext={() => update({ serverPage: data.page + 1 })}
        />
      )}
      {state.machine && <MachineQuery workspaceId={workspaceId} state={state} update={update} />}
    </div>
  );
}
