"use client";

import { useState } from "react";
import Link from "next/link";
import {
  Badge,
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
import { ArrowCircleUpRegular, CheckmarkCircleFilled, PlayCircleRegular } from "@fluentui/react-icons";
import type { TWorkspaceRow } from "@/lib/contracts/workspaces";

const useStyles = makeStyles({
  table: { background: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { fontWeight: tokens.fontWeightSemibold, textTransform: "uppercase", fontSize: "11px", color: tokens.colorNeutralForeground2 },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForegroundLink,
    textDecoration: "none",
    ":hover": { textDecoration: "underline" },
  },
  num: { fontVariantNumeric: "tabular-nums" },
  sub: { color: tokens.colorNeutralForeground3, fontSize: "12px", display: "block" },
  empty: { padding: "32px", textAlign: "center", color: tokens.colorNeutralForeground3 },
  enabled: { display: "inline-flex", alignItems: "center", gap: "4px", color: tokens.colorPaletteGreenForeground1 },
});

function StatusBadge({ row }: { row: TWorkspaceRow }) {
  const s = useStyles();
  if (row.action === "upgrade")
    return (
      <Badge appearance="tint" color="warning">
        Upgrade required
      </Badge>
    );
  if (!row.fimEnabled)
    return (
      <Badge appearance="tint" color="informative">
        Not enabled
      </Badge>
    );
  return (
    <span className={s.enabled}>
      <CheckmarkCircleFilled /> Enabled
    </span>
  );
}

function RowAction({ row }: { row: TWorkspaceRow }) {
  if (!row.action || !row.canAct) return null;
  if (row.action === "upgrade") {
    return (
      <Button
        as="a"
        href={`/fim/workspaces/${row.id}/upgrade`}
        size="small"
        icon={<ArrowCircleUpRegular />}
        aria-label={`Upgrade plan for ${row.name}`}
      >
        Upgrade plan
      </Button>
    );
  }
  return (
    <Button
      as="a"
      href={`/fim/workspaces/${row.id}/enable`}
      size="small"
      appearance="primary"
      icon={<PlayCircleRegular />}
      aria-label={`Enable FIM on ${row.name}`}
    >
      Enable
    </Button>
  );
}

type SortKey = "name" | "status" | "changes" | "machines" | "location" | "subscription";

const STATUS_ORDER = (r: TWorkspaceRow) => (r.fimEnabled ? 0 : r.action === "upgrade" ? 2 : 1);

/** Each column's order; ties fall back to the name, so the order is stable. */
const COMPARE: Record<SortKey, (a: TWorkspaceRow, b: TWorkspaceRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, "en"),
  status: (a, b) => STATUS_ORDER(a) - STATUS_ORDER(b),
  changes: (a, b) => (a.totalChanges ?? -1) - (b.totalChanges ?? -1),
  machines: (a, b) => a.totalMachines - b.totalMachines,
  location: (a, b) => a.location.localeCompare(b.location, "en"),
  subscription: (a, b) => a.subscriptionName.localeCompare(b.subscriptionName, "en"),
};

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "status", label: "File integrity monitoring" },
  { key: "changes", label: "Total changes (last 7 days)" },
  { key: "machines", label: "Total computers and VMs" },
  { key: "location", label: "Location" },
  { key: "subscription", label: "Subscription" },
];

export function WorkspaceTable({ rows: unsorted, emptyText }: { rows: TWorkspaceRow[]; emptyText: string }) {
  const s = useStyles();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "name", dir: 1 });
  const rows = [...unsorted].sort((a, b) => sort.dir * COMPARE[sort.key](a, b) || COMPARE.name(a, b));
  const sortBy = (key: SortKey) => setSort((cur) => (cur.key === key ? { key, dir: cur.dir === 1 ? -1 : 1 } : { key, dir: 1 }));
  return (
    <Table className={s.table} aria-label="Workspaces" size="medium" sortable>
      <TableHeader>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableHeaderCell
              key={c.key}
              className={s.head}
              sortDirection={sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
              onClick={() => sortBy(c.key)}
            >
              {c.label}
            </TableHeaderCell>
          ))}
          <TableHeaderCell className={s.head} style={{ width: 150 }}>
            <span style={{ position: "absolute", left: -9999 }}>Action</span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={7} className={s.empty}>
              {emptyText}
            </TableCell>
          </TableRow>
        )}
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>
              <Link className={s.name} href={`/fim/workspaces/${row.id}`}>
                {row.name}
              </Link>
              <Text className={s.sub}>{row.resourceGroup}</Text>
            </TableCell>
            <TableCell>
              <StatusBadge row={row} />
            </TableCell>
            <TableCell className={s.num}>{row.totalChanges === null ? "-" : row.totalChanges.toLocaleString("en-US")}</TableCell>
            <TableCell className={s.num}>
              {row.totalMachines}
              <Text className={s.sub}>
                {row.windowsMachines} Windows · {row.linuxMachines} Linux
              </Text>
            </TableCell>
            <TableCell>{row.location}</TableCell>
            <TableCell>{row.subscriptionName}</TableCell>
            <TableCell>
              <RowAction row={row} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
