"use client";

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
  table: { background: "#fff", border: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { fontWeight: tokens.fontWeightSemibold, textTransform: "uppercase", fontSize: "11px", color: tokens.colorNeutralForeground2 },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForegroundLink,
    textDecoration: "none",
    ":hover": { textDecoration: "underline" },
  },
  plain: { fontWeight: tokens.fontWeightSemibold },
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

export function WorkspaceTable({ rows, emptyText }: { rows: TWorkspaceRow[]; emptyText: string }) {
  const s = useStyles();
  return (
    <Table className={s.table} aria-label="Workspaces" size="medium">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={s.head}>Name</TableHeaderCell>
          <TableHeaderCell className={s.head}>File integrity monitoring</TableHeaderCell>
          <TableHeaderCell className={s.head}>Total changes</TableHeaderCell>
          <TableHeaderCell className={s.head}>Total computers and VMs</TableHeaderCell>
          <TableHeaderCell className={s.head}>Location</TableHeaderCell>
          <TableHeaderCell className={s.head}>Subscription</TableHeaderCell>
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
              {row.fimEnabled ? (
                <Link className={s.name} href={`/fim/workspaces/${row.id}`}>
                  {row.name}
                </Link>
              ) : (
                <Text className={s.plain}>{row.name}</Text>
              )}
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
