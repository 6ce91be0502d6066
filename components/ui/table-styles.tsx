"use client";

import { makeStyles, ProgressBar, Skeleton, SkeletonItem, TableCell, TableRow, tokens } from "@fluentui/react-components";

/** The look of the dashboard's tables: a portal grid with a white background, tabular numbers, a selected row. */
export const useTableStyles = makeStyles({
  frame: {
    position: "relative",
    background: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  busy: { position: "absolute", top: 0, left: 0, right: 0, zIndex: 1 },
  table: { tableLayout: "fixed" },
  head: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  num: { fontVariantNumeric: "tabular-nums", textAlign: "right", justifyContent: "flex-end" },
  row: { cursor: "pointer", ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" } },
  selected: { background: tokens.colorBrandBackground2, ":hover": { background: tokens.colorBrandBackground2Hover } },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", display: "block" },
  /** Long paths and keys: wrap anywhere inside the cell instead of being cut. */
  wrap: { display: "block", whiteSpace: "normal", overflowWrap: "anywhere", padding: "6px 0" },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  empty: { padding: "32px", textAlign: "center", color: tokens.colorNeutralForeground3 },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** A thin bar over a table that still shows the previous answer while the next one loads: no layout jump. */
export function Busy({ busy }: { busy: boolean }) {
  const t = useTableStyles();
  return busy ? <ProgressBar className={t.busy} thickness="medium" aria-label="Loading" /> : null;
}

/** The rows a dashboard table shows before its answer (skeletons) and when the answer is empty (a sentence). */
export function StatusRows(props: {
  loading: boolean;
  empty: boolean;
  skeletons: number;
  colSpan: number;
  loadingLabel: string;
  emptyText: string;
}) {
  const t = useTableStyles();
  if (props.loading) {
    return Array.from({ length: props.skeletons }, (_, i) => (
      <TableRow key={i}>
        <TableCell colSpan={props.colSpan}>
          <Skeleton aria-label={props.loadingLabel}>
            <SkeletonItem size={16} />
          </Skeleton>
        </TableCell>
      </TableRow>
    ));
  }
  if (!props.empty) return null;
  return (
    <TableRow>
      <TableCell colSpan={props.colSpan} className={t.empty}>
        {props.emptyText}
      </TableCell>
    </TableRow>
  );
}
