"use client";

import { Button, makeStyles, mergeClasses, Skeleton, SkeletonItem, Text, tokens } from "@fluentui/react-components";
import type { TChangeDetails, TChangeSide } from "@/lib/contracts/changes";
import type { ChangeType } from "@/lib/domain/types";
import { bytes, dateTime } from "@/components/ui/format";
import { useChangeDetails } from "@/lib/client/dashboard";
import { useThemeChoice } from "@/components/theme";

const useStyles = makeStyles({
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, tableLayout: "fixed" },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    padding: "6px 8px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // The last column keeps room on its right: values never touch the panel's edge.
  td: {
    padding: "6px 8px",
    ":last-child": { paddingRight: "16px" },
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    verticalAlign: "top",
    overflowWrap: "anywhere",
  },
  attr: { width: "150px", color: tokens.colorNeutralForeground2 },
  // A highlight with readable text on it in either theme: light yellow in light, dark olive in dark.
  changed: { background: tokens.colorPaletteYellowBackground2 },
  changedDark: { background: tokens.colorPaletteYellowBackground1 },
  mono: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "pre-wrap" },
  none: { color: tokens.colorNeutralForeground3 },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, display: "block", marginTop: "6px" },
});

type Attr = { label: string; field: string; value: (s: TChangeSide) => string | null; mono?: boolean };

const FILE_ATTRS: Attr[] = [
  { label: "Size", field: "Size", value: (s) => (s.size === null ? null : `${bytes(s.size)} (${s.size.toLocaleString("en-US")} bytes)`) },
  { label: "SHA-256", field: "FileContentChecksum", value: (s) => s.sha256, mono: true },
  { label: "ACL", field: "Acls", value: (s) => s.acls, mono: true },
  { label: "Attributes", field: "Attributes", value: (s) => s.attributes, mono: true },
  { label: "Date created", field: "DateCreated", value: (s) => (s.dateCreated ? dateTime(s.dateCreated) : null) },
  { label: "Date modified", field: "DateModified", value: (s) => (s.dateModified ? dateTime(s.dateModified) : null) },
  { label: "Type", field: "FileType", value: (s) => s.fileType },
  { label: "Link target", field: "LinkTarget", value: (s) => s.linkTarget, mono: true },
  { label: "Hard links", field: "LinkCount", value: (s) => (s.linkCount === null ? null : String(s.linkCount)) },
  { label: "POSIX ACL", field: "PosixAcl", value: (s) => s.posixAcl, mono: true },
  { label: "Capabilities", field: "Capabilities", value: (s) => s.capabilities, mono: true },
  { label: "SELinux context", field: "SelinuxContext", value: (s) => s.selinuxContext, mono: true },
  { label: "Extended attributes", field: "ExtendedAttributes", value: (s) => s.xattrs, mono: true },
];
const REGISTRY_ATTRS: Attr[] = [
  { label: "Value type", field: "ValueType", value: (s) => s.valueType, mono: true },
  { label: "Value data", field: "ValueData", value: (s) => s.valueData, mono: true },
];
const SERVICE_ATTRS: Attr[] = [
  { label: "State", field: "SvcState", value: (s) => s.svcState },
  { label: "Startup type", field: "SvcStartupType", value: (s) => s.svcStartupType },
  { label: "Path", field: "SvcPath", value: (s) => s.svcPath, mono: true },
  { label: "Account", field: "SvcAccount", value: (s) => s.svcAccount },
];
/** Rows shown only when a side has a value: most files have no link, ACL, capability or extended attribute. */
const OPTIONAL_FIELDS = new Set(["LinkTarget", "PosixAcl", "Capabilities", "SelinuxContext", "ExtendedAttributes"]);
export const ATTRS: Record<ChangeType, Attr[]> = { Files: FILE_ATTRS, Registry: REGISTRY_ATTRS, WindowsServices: SERVICE_ATTRS };

/** Previous and current values side by side; the fields that changed are highlighted (compact: only those). */
export function ValuesTable({ details, compact = false }: { details: TChangeDetails; compact?: boolean }) {
  const s = useStyles();
  const changed = new Set(details.fieldsChanged.split(", ").filter(Boolean));
  const highlight = useThemeChoice().dark ? s.changedDark : s.changed;
  const present = (a: Attr) => (a.value(details.current) ?? a.value(details.previous)) !== null;
  const attrs = ATTRS[details.changeType].filter(
    (a) => changed.has(a.field) || (compact ? details.category !== "Modified" && present(a) : !OPTIONAL_FIELDS.has(a.field) || present(a)),
  );
  const cell = (a: Attr, side: TChangeSide) => {
    const v = a.value(side);
    return v === null ? <span className={s.none}>—</span> : <span className={a.mono ? s.mono : undefined}>{v}</span>;
  };
  return (
    <>
      <table className={s.table} aria-label="Previous and current values">
        <thead>
          <tr>
            <th className={mergeClasses(s.th, s.attr)} scope="col">
              Attribute
            </th>
            <th className={s.th} scope="col">
              Previous
            </th>
            <th className={s.th} scope="col">
              Current
            </th>
          </tr>
        </thead>
        <tbody>
          {attrs.map((a) => (
            <tr key={a.field} className={changed.has(a.field) ? highlight : undefined}>
              <th className={mergeClasses(s.td, s.attr)} scope="row" style={{ fontWeight: "normal", textAlign: "left" }}>
                {a.label}
              </th>
              <td className={s.td}>{cell(a, details.previous)}</td>
              <td className={s.td}>{cell(a, details.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {changed.has("Inode") && <Text className={s.note}>The file was replaced: its inode changed.</Text>}
      {changed.has("FileType") && (
        <Text className={s.note}>
          The type changed: a {details.previous.fileType} was replaced by a {details.current.fileType} at this path.
        </Text>
      )}
    </>
  );
}

/** The values of one change, loaded on demand (a results row expanded on the Servers tab). */
export function ChangeValues({ workspaceId, changeId, compact }: { workspaceId: string; changeId: string; compact?: boolean }) {
  const q = useChangeDetails(workspaceId, changeId);
  if (q.isError) {
    return (
      <Text>
        Could not load this change: {q.error.message}{" "}
        <Button size="small" onClick={() => q.refetch()}>
          Try again
        </Button>
      </Text>
    );
  }
  if (!q.data) {
    return (
      <Skeleton aria-label="Loading the change">
        <SkeletonItem size={16} />
        <SkeletonItem size={16} style={{ marginTop: 6 }} />
      </Skeleton>
    );
  }
  return <ValuesTable details={q.data} compact={compact} />;
}
