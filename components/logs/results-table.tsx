"use client";

import { useState } from "react";
import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ChevronLeftRegular, ChevronRightRegular } from "@fluentui/react-icons";
import { count, dateTime } from "@/components/ui/format";
import { useTableStyles } from "@/components/ui/table-styles";
import { VisibleText } from "@/components/ui/visible-text";
import { cellText, type ResultTable } from "./result-model";

const PAGE_ROWS = 50;

const useStyles = makeStyles({
  scroll: { overflow: "auto", maxHeight: "100%" },
  table: { minWidth: "100%", width: "max-content" },
  head: { position: "sticky", top: 0, background: tokens.colorNeutralBackground1, zIndex: 1 },
  cell: { maxWidth: "480px", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", fontSize: tokens.fontSizeBase200 },
  type: { color: tokens.colorNeutralForeground4, fontWeight: tokens.fontWeightRegular, marginLeft: "6px", fontSize: "11px" },
  footer: {
    display: "flex",
    alignItems: "center",
    gap: "16px",
    padding: "4px 12px",
    minHeight: "32px",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  pager: { display: "flex", alignItems: "center", gap: "4px" },
  muted: { color: tokens.colorNeutralForeground3, flexGrow: 1 },
});

const shown = (value: unknown, type: string) => (type === "datetime" && typeof value === "string" ? dateTime(value) : cellText(value));

/** The answer's rows, a page of 50 at a time, with each column's type beside its name as Log Analytics shows it. */
export function ResultsTable({ table, elapsedMs }: { table: ResultTable; elapsedMs: number | null }) {
  const s = useStyles();
  const t = useTableStyles();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(table.rows.length / PAGE_ROWS));
  const current = Math.min(page, pages - 1);
  const rows = table.rows.slice(current * PAGE_ROWS, (current + 1) * PAGE_ROWS);
  const first = table.rows.length === 0 ? 0 : current * PAGE_ROWS + 1;
  return (
    <>
      <div className={s.scroll}>
        <Table className={`${t.table} ${s.table}`} size="extra-small" aria-label="Query results" style={{ tableLayout: "auto" }}>
          <TableHeader className={s.head}>
            <TableRow>
              {table.columns.map((c) => (
                <TableHeaderCell key={c.name} className={t.head}>
                  {c.name}
                  <span className={s.type}>{c.type}</span>
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={Math.max(1, table.columns.length)} className={t.empty}>
                  No results found in the selected time range.
                </TableCell>
              </TableRow>
            )}
            {rows.map((row, i) => (
              <TableRow key={current * PAGE_ROWS + i}>
                {table.columns.map((c, k) => {
                  const text = shown(row[k], c.type);
                  return (
                    <TableCell key={c.name} className={s.cell} title={text}>
                      <span className={c.type === "string" ? t.mono : undefined}>
                        <VisibleText text={text} />
                      </span>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className={s.footer}>
        <Text className={s.muted} size={200}>
          {elapsedMs !== null && `${(elapsedMs / 1000).toFixed(2)}s · `}
          {count(table.rows.length)} {table.rows.length === 1 ? "record" : "records"}
        </Text>
        {pages > 1 && (
          <nav className={s.pager} aria-label="Results pages">
            <Text size={200} aria-live="polite">
              {count(first)} - {count(first + rows.length - 1)} of {count(table.rows.length)}
            </Text>
            <Button
              size="small"
              appearance="subtle"
              icon={<ChevronLeftRegular />}
              disabled={current === 0}
              onClick={() => setPage(current - 1)}
            >
              Previous
            </Button>
            <Button
              size="small"
              appearance="subtle"
              icon={<ChevronRightRegular />}
              iconPosition="after"
              disabled={current >= pages - 1}
              onClick={() => setPage(current + 1)}
            >
              Next
            </Button>
          </nav>
        )}
      </div>
    </>
  );
}
