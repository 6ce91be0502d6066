"use client";

import { VisibleText } from "@/components/ui/visible-text";
import { Fragment, type ReactNode } from "react";
import {
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Tooltip,
} from "@fluentui/react-components";
import { CheckmarkCircleFilled, CircleRegular, WarningFilled } from "@fluentui/react-icons";
import type { TEntity } from "@/lib/contracts/entities";
import { ENTITY_KIND_LABEL } from "@/lib/domain/types";
import { frequencyText, type TabDef } from "./tabs";

const useStyles = makeStyles({
  table: { background: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, tableLayout: "auto" },
  head: { fontWeight: tokens.fontWeightSemibold, fontSize: "12px", color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
  row: { cursor: "pointer" },
  path: { overflowWrap: "anywhere", fontFamily: tokens.fontFamilyMonospace, fontSize: "12px" },
  name: { fontWeight: tokens.fontWeightSemibold, textAlign: "left" },
  nameCell: { display: "flex", alignItems: "center", gap: "6px" },
  enabled: { display: "inline-flex", alignItems: "center", gap: "4px", whiteSpace: "nowrap" },
  on: { color: tokens.colorPaletteGreenForeground1 },
  off: { color: tokens.colorNeutralForeground3 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  empty: { padding: "32px", textAlign: "center", color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Column = { key: string; label: string; render: (e: TEntity) => ReactNode; path?: boolean };

/** A long path or key wraps after a separator rather than in the middle of a name. */
export function PathText({ value }: { value: string }) {
  const parts = value.split(/(?<=[\\/])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          <VisibleText text={part} />
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

const yesNo = (v: boolean) => (v ? "True" : "False");
const PATH_TYPE: Record<string, string> = { FILE: "File", FOLDER: "Folder", DIRECTORY: "Directory" };
const LINKS: Record<string, string> = { IGNORE: "Ignore", FOLLOW: "Follow", MANAGE: "Manage" };

const group: Column = { key: "group", label: "Group", render: (e) => <VisibleText text={e.group} /> };
const pathCol = (label: string): Column => ({ key: "path", label, render: (e) => <PathText value={e.path} />, path: true });
const pathType: Column = { key: "pathType", label: "Path Type", render: (e) => (e.pathType ? PATH_TYPE[e.pathType] : "") };
const recursion: Column = { key: "recursion", label: "Recursion", render: (e) => (e.recursion ? "On" : "Off") };
const upload: Column = { key: "upload", label: "Upload file content", render: (e) => yesNo(e.uploadContent) };

/** The columns of each tab: the fields of change-tracking-facts.md for that kind. */
function columnsOf(tab: TabDef): Column[] {
  switch (tab.id) {
    case "registry":
      return [group, pathCol("Windows Registry Key"), recursion, { key: "valueName", label: "Value name", render: (e) => e.valueName }];
    case "windows-files":
      return [group, pathCol("Path"), pathType, recursion, upload];
    case "linux-files":
      return [
        group,
        pathCol("Path"),
        pathType,
        recursion,
        { key: "useSudo", label: "Use Sudo", render: (e) => (e.useSudo ? "On" : "Off") },
        { key: "links", label: "Links", render: (e) => (e.links ? LINKS[e.links] : "") },
        upload,
      ];
    case "file-content":
      return [
        group,
        pathCol("Path"),
        { key: "source", label: "Tracked on", render: (e) => ENTITY_KIND_LABEL[e.kind] },
        pathType,
        recursion,
      ];
    case "services":
      return [
        group,
        pathCol("Service name"),
        { key: "frequency", label: "Frequency", render: (e) => `Every ${frequencyText(e.frequencySec)}` },
      ];
  }
}

function Enabled({ value }: { value: boolean }) {
  const s = useStyles();
  return (
    <span className={`${s.enabled} ${value ? s.on : s.off}`}>
      {value ? <CheckmarkCircleFilled aria-hidden /> : <CircleRegular aria-hidden />}
      {yesNo(value)}
    </span>
  );
}

/** One tab's entities; selecting a row opens Edit for Change Tracking. */
export function EntityTable({
  tab,
  rows,
  onSelect,
  emptyText,
}: {
  tab: TabDef;
  rows: TEntity[];
  onSelect: (e: TEntity) => void;
  emptyText: string;
}) {
  const s = useStyles();
  const columns = columnsOf(tab);
  return (
    <Table className={s.table} aria-label={tab.label} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={s.head} style={{ width: 90 }}>
            Enabled
          </TableHeaderCell>
          <TableHeaderCell className={s.head}>Item Name</TableHeaderCell>
          {columns.map((c) => (
            <TableHeaderCell key={c.key} className={s.head}>
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={columns.length + 2} className={s.empty}>
              {emptyText}
            </TableCell>
          </TableRow>
        )}
        {rows.map((e) => (
          <TableRow key={e.id} className={s.row} onClick={() => onSelect(e)}>
            <TableCell>
              <Enabled value={e.enabled} />
            </TableCell>
            <TableCell>
              <span className={s.nameCell}>
                <Link
                  as="button"
                  className={s.name}
                  onClick={(ev) => {
                    ev.stopPropagation();
                    onSelect(e);
                  }}
                >
                  <VisibleText text={e.itemName} />
                </Link>
                {e.collection.failingCount > 0 && (
                  <Tooltip
                    content={`Collection fails on ${e.collection.failingCount} machine(s): ${e.collection.failing[0]?.error ?? ""}`}
                    relationship="description"
                  >
                    <WarningFilled className={s.warn} aria-label="Collection problem" />
                  </Tooltip>
                )}
              </span>
            </TableCell>
            {columns.map((c) => (
              <TableCell key={c.key} className={c.path ? s.path : undefined}>
                {c.render(e) || <Text className={s.muted}>—</Text>}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
