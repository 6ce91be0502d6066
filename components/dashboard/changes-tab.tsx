"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import {
  Badge,
  Dropdown,
  makeStyles,
  mergeClasses,
  Option,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tag,
  TagGroup,
  Text,
  tokens,
  useArrowNavigationGroup,
} from "@fluentui/react-components";
import type { TChangeRow, TChangeSort, TChangesPage } from "@/lib/contracts/changes";
import type { TSummary } from "@/lib/contracts/summary";
import { ATTRIBUTION_LABEL, ATTRIBUTIONS, type Attribution } from "@/lib/domain/packages";
import { REVIEW_STATES, type ReviewState } from "@/lib/domain/types";
import { CATEGORY_COLOR, CATEGORY_LABEL, count, dateTime, REVIEW_BADGE, REVIEW_LABEL, TYPE_LABEL } from "@/components/ui/format";
import { BulkReview } from "./bulk-review";
import { Pager } from "./pager";
import { changesCsvHref, changesQuery, useChanges } from "@/lib/client/dashboard";
import { DownloadButton } from "@/components/ui/download-button";
import { Busy, useTableStyles, StatusRows } from "@/components/ui/table-styles";
import type { DashboardState } from "./url-state";
import { LoadError } from "@/components/ui/load-error";
import { VisibleText } from "@/components/ui/visible-text";

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  bar: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap", minHeight: "32px" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  dot: { display: "inline-block", width: "8px", height: "8px", borderRadius: "50%", marginRight: "6px" },
});

// The changed path or key leads (it is what a change is about) and wraps rather than being cut; shares of the
// fixed-layout table keep every column readable at 1024 px.
const COLUMNS: { sort: TChangeSort | null; label: string; width?: string }[] = [
  { sort: null, label: "Path or key" },
  { sort: "machine", label: "Machine", width: "13%" },
  { sort: "type", label: "Type", width: "11%" },
  { sort: "category", label: "Category", width: "10%" },
  { sort: "time", label: "Date and time", width: "15%" },
  { sort: null, label: "Attribution", width: "11%" },
  { sort: null, label: "Review", width: "10%" },
];

/** The row search should open: the one whose path or key is exactly the text, else the first. */
function bestMatch(rows: TChangeRow[], text: string): TChangeRow | undefined {
  const t = text.trim().toLowerCase();
  return rows.find((r) => r.target.toLowerCase() === t) ?? rows[0];
}

/** "Showing 51–100 of 1,234": the total is known from the summary unless search or two filters narrow it. */
function rangeText(page: TChangesPage, state: DashboardState, summary: TSummary | undefined): string {
  if (page.changes.length === 0) return "No changes";
  const first = (state.page - 1) * PAGE_SIZE + 1;
  const span = `${count(first)}–${count(first + page.changes.length - 1)}`;
  let total: number | null = null;
  if (summary && !state.q && !state.review && !state.attribution && !(state.type && state.category)) {
    total = state.type ? summary.byType[state.type] : state.category ? summary.byCategory[state.category] : summary.totalChanges;
  }
  return total === null ? `Showing changes ${span}` : `Showing changes ${span} of ${count(total)}`;
}

/** The Changes tab: every change in the period, with search, the chart's filters, sorting and pages. */
export function ChangesTab(props: {
  workspaceId: string;
  state: DashboardState;
  update: (p: Partial<DashboardState>) => void;
  summary: TSummary | undefined;
  /** Contributors and Owners review changes; Readers see the states only. */
  canReview: boolean;
}) {
  const { workspaceId, state, update, summary, canReview } = props;
  const s = useStyles();
  const t = useTableStyles();
  const arrows = useArrowNavigationGroup({ axis: "vertical", memorizeCurrent: true });
  const query = useChanges(workspaceId, state.period, {
    changeType: state.type,
    category: state.category,
    reviewState: state.review,
    attribution: state.attribution,
    q: state.q,
    sort: state.sort,
    dir: state.dir,
    cursor: state.cursor,
  });
  const filter = {
    changeType: state.type,
    category: state.category,
    reviewState: state.review,
    attribution: state.attribution,
    q: state.q,
  };
  const data = query.data;

  // The search box types freely (a draft); the URL, and with it the query, follow a moment later.
  const qc = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? state.q;
  useEffect(() => {
    if (draft === null || draft.trim() === state.q) return;
    const timer = setTimeout(() => update({ q: draft.trim() }), 300);
    return () => clearTimeout(timer);
  }, [draft, state.q, update]);

  // Enter opens the change the search names (or its first result), once that search's results are in.
  const search = async () => {
    const term = text.trim();
    if (!term) return;
    const params = { ...filter, q: term, sort: state.sort, dir: state.dir, cursor: null };
    const page = await qc.fetchQuery(changesQuery(workspaceId, state.period, params)).catch(() => null);
    const row = page && bestMatch(page.changes, term);
    update(row ? { q: term, change: row.id } : { q: term });
  };
  const sortBy = (sort: TChangeSort) =>
    update(sort === state.sort ? { dir: state.dir === "asc" ? "desc" : "asc" } : { sort, dir: sort === "time" ? "desc" : "asc" });
  const open = (row: TChangeRow) => update({ change: row.id });

  const chips = [
    state.type && { key: "type", label: `Type: ${TYPE_LABEL[state.type]}` },
    state.category && { key: "category", label: `Category: ${CATEGORY_LABEL[state.category]}` },
  ].filter((c): c is { key: "type" | "category"; label: string } => !!c);

  return (
    <div className={s.root}>
      <div className={s.bar}>
        <SearchBox
          placeholder="Search by path, key or machine"
          aria-label="Search changes by path, key or machine"
          value={text}
          onChange={(_, d) => setDraft(d.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") void search();
          }}
          style={{ width: 380 }}
        />
        {chips.length > 0 && (
          <TagGroup aria-label="Filters" onDismiss={(_, d) => update({ [d.value as "type" | "category"]: null })}>
            {chips.map((c) => (
              <Tag key={c.key} value={c.key} dismissible dismissIcon={{ "aria-label": `Remove filter ${c.label}` }} size="small">
                {c.label}
              </Tag>
            ))}
          </TagGroup>
        )}
        <Dropdown
          aria-label="Review state"
          placeholder="Any review state"
          value={state.review ? REVIEW_LABEL[state.review] : "Any review state"}
          selectedOptions={[state.review ?? "any"]}
          onOptionSelect={(_, d) => update({ review: d.optionValue === "any" ? null : (d.optionValue as ReviewState) })}
          style={{ minWidth: 170 }}
        >
          <Option value="any">Any review state</Option>
          {REVIEW_STATES.map((r) => (
            <Option key={r} value={r}>
              {REVIEW_LABEL[r]}
            </Option>
          ))}
        </Dropdown>
        <Dropdown
          aria-label="Attribution"
          value={state.attribution ? ATTRIBUTION_LABEL[state.attribution] : "Any attribution"}
          selectedOptions={[state.attribution ?? "any"]}
          onOptionSelect={(_, d) => update({ attribution: d.optionValue === "any" ? null : (d.optionValue as Attribution) })}
          style={{ minWidth: 180 }}
        >
          <Option value="any">Any attribution</Option>
          {ATTRIBUTIONS.map((a) => (
            <Option key={a} value={a}>
              {ATTRIBUTION_LABEL[a]}
            </Option>
          ))}
        </Dropdown>
        {canReview && <BulkReview workspaceId={workspaceId} period={state.period} filter={filter} />}
        <DownloadButton href={changesCsvHref(workspaceId, state.period, filter)} />
        <Text className={s.hint}>Select a change, or press Enter in the search box, to open its details.</Text>
      </div>
      {query.isError && !data ? (
        <LoadError what="the changes" error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <div className={t.frame}>
          <Busy busy={query.isFetching && !!data} />
          <Table className={t.table} sortable size="small" aria-label="Changes" aria-busy={query.isFetching}>
            <TableHeader>
              <TableRow>
                {COLUMNS.map((c) =>
                  c.sort ? (
                    <TableHeaderCell
                      key={c.label}
                      className={t.head}
                      style={c.width ? { width: c.width } : undefined}
                      sortDirection={state.sort === c.sort ? (state.dir === "asc" ? "ascending" : "descending") : undefined}
                      onClick={() => sortBy(c.sort!)}
                    >
                      {c.label}
                    </TableHeaderCell>
                  ) : (
                    <TableHeaderCell key={c.label} className={t.head} style={c.width ? { width: c.width } : undefined}>
                      {c.label}
                    </TableHeaderCell>
                  ),
                )}
              </TableRow>
            </TableHeader>
            <TableBody {...arrows}>
              <StatusRows
                loading={!data}
                empty={data?.changes.length === 0}
                skeletons={10}
                colSpan={7}
                loadingLabel="Loading changes"
                emptyText={state.q ? `No change in this period matches "${state.q}".` : "No changes in this period."}
              />
              {data?.changes.map((row) => (
                <TableRow
                  key={row.id}
                  tabIndex={0}
                  className={mergeClasses(t.row, state.change === row.id && t.selected)}
                  onClick={() => open(row)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" || e.key === " ") {
                      e.preventDefault();
                      open(row);
                    }
                  }}
                  aria-label={`${row.category} ${TYPE_LABEL[row.changeType]} change on ${row.computer}: ${row.target}, ${row.reviewState}`}
                >
                  <TableCell>
                    <span className={mergeClasses(t.wrap, t.mono)} title={row.target}>
                      <VisibleText text={row.target} />
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className={t.ellipsis} title={row.computer}>
                      {row.computer}
                    </span>
                  </TableCell>
                  <TableCell>{TYPE_LABEL[row.changeType]}</TableCell>
                  <TableCell>
                    <span className={s.dot} style={{ background: CATEGORY_COLOR[row.category] }} />
                    {CATEGORY_LABEL[row.category]}
                  </TableCell>
                  <TableCell>{dateTime(row.timeGenerated)}</TableCell>
                  <TableCell>{row.attribution ? ATTRIBUTION_LABEL[row.attribution] : "—"}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={REVIEW_BADGE[row.reviewState]}>
                      {REVIEW_LABEL[row.reviewState]}
                    </Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {data && (
        <Pager
          label="Changes pages"
          text={rangeText(data, state, summary)}
          hasPrev={!!data.prevCursor}
          hasNext={!!data.nextCursor}
          busy={query.isFetching}
          onPrev={() => update({ cursor: data.prevCursor, page: Math.max(1, state.page - 1) })}
          onNext={() => update({ cursor: data.nextCursor, page: state.page + 1 })}
        />
      )}
    </div>
  );
}
