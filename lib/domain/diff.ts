// Inventory diffing: a change is the difference between two successive inventories of one machine
// (ConfigurationData → ConfigurationChange). Pure and O(n): one Map over the previous inventory, one pass over the
// current one; only the (few) changes are sorted.
import { splitRegistryKey } from "./registry";
import type { ChangeCategory, ChangeType } from "./types";

/** One inventory row; field names are the InventoryItem model's. */
export interface InventoryEntry {
  changeType: ChangeType;
  itemKey: string;
  entityId?: string | null;
  size?: bigint | null;
  sha256?: string | null;
  acls?: string | null;
  attributes?: string | null;
  inode?: bigint | null;
  dateCreated?: Date | null;
  dateModified?: Date | null;
  registryKey?: string | null;
  valueName?: string | null;
  valueType?: string | null;
  valueData?: string | null;
  svcName?: string | null;
  svcDisplayName?: string | null;
  svcState?: string | null;
  svcStartupType?: string | null;
  svcPath?: string | null;
  svcAccount?: string | null;
  contentSha256?: string | null;
  /** What is at the path: file, directory, symlink, fifo, socket, character device, block device. */
  fileType?: string | null;
  /** Hard links to the inode (not kept for folders: it moves with every subfolder added). */
  linkCount?: number | null;
  /** A symbolic link's target as readlink gives it (the link itself, in every Links mode). */
  linkTarget?: string | null;
  /** Extended attributes other than those below, one `name sha256:<first 16 hex of the value>` a line, sorted. */
  xattrs?: string | null;
  /** POSIX ACL in getfacl's short text (`user::rw-,user:1000:r--,…`), default ACL after ` default:`. */
  posixAcl?: string | null;
  /** File capabilities in getcap's text (`cap_setuid=ep`). */
  capabilities?: string | null;
  selinuxContext?: string | null;
  /** When the content was last read and hashed rather than carried over (not compared). */
  verifiedAt?: Date | null;
}

/** Value columns of ChangeRecord; all present (null when not applicable) so a draft spreads into a create call. */
export interface ChangeValues {
  size: bigint | null;
  previousSize: bigint | null;
  sha256: string | null;
  previousSha256: string | null;
  acls: string | null;
  previousAcls: string | null;
  attributes: string | null;
  previousAttributes: string | null;
  dateCreated: Date | null;
  previousDateCreated: Date | null;
  dateModified: Date | null;
  previousDateModified: Date | null;
  hive: string | null;
  registryKey: string | null;
  valueName: string | null;
  valueType: string | null;
  previousValueType: string | null;
  valueData: string | null;
  previousValueData: string | null;
  svcName: string | null;
  svcDisplayName: string | null;
  svcState: string | null;
  svcPreviousState: string | null;
  svcStartupType: string | null;
  svcPreviousStartupType: string | null;
  svcPath: string | null;
  svcPreviousPath: string | null;
  svcAccount: string | null;
  svcPreviousAccount: string | null;
  contentSha256: string | null;
  previousContentSha256: string | null;
  fileType: string | null;
  previousFileType: string | null;
  linkCount: number | null;
  previousLinkCount: number | null;
  linkTarget: string | null;
  previousLinkTarget: string | null;
  xattrs: string | null;
  previousXattrs: string | null;
  posixAcl: string | null;
  previousPosixAcl: string | null;
  capabilities: string | null;
  previousCapabilities: string | null;
  selinuxContext: string | null;
  previousSelinuxContext: string | null;
}

export interface ChangeDraft extends ChangeValues {
  category: ChangeCategory;
  changeType: ChangeType;
  /** File path, `registryKey\valueName` (or the key alone), or service name. */
  target: string;
  /** File base name, registry value name (last key segment for a whole key), or service display name. */
  name: string;
  entityId: string | null;
  /** ConfigurationChange field names that differ (empty for Added and Removed). */
  fieldsChanged: string[];
}

type Cmp = (a: InventoryEntry, b: InventoryEntry) => boolean;
const same = <T>(a: T | null | undefined, b: T | null | undefined) => (a ?? null) === (b ?? null);
const sameDate = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

// Compared attributes per change type, in the order fieldsChanged lists them. A null on one side and a value on
// the other is a difference: an attribute that can no longer be read may hide tampering.
//
// Decisions:
// - Inode alone counts (field "Inode"): replacing a file by an identical copy with its timestamps restored
//   (cp -p, touch -r) leaves size, hash and dates unchanged; the new inode is the only trace. Package reinstalls
//   show up too, which is rare and worth knowing.
// - A dateModified-only change (touch) is a Modified with "DateModified".
// - contentSha256 is not compared: it is set when content upload is turned on for an unchanged file, and a real
//   content change already shows as FileContentChecksum. It is carried along for the before/after diff.
// - The extended set (FileType … SelinuxContext) is compared only when both entries carry a fileType: inventories
//   recorded before these attributes existed, and agents that do not send them, must not turn every file into a
//   change. Within the set, null means "none" (no extended attributes, no ACL beyond the mode bits).
// - Registry entries compare value type and data; a whole key (no value) is only Added or Removed.
// - A service's display name has no previous column in ConfigurationChange, so it is carried, not compared.
const COMPARED: Record<ChangeType, readonly (readonly [string, Cmp])[]> = {
  Files: [
    ["Size", (a, b) => same(a.size, b.size)],
    ["FileContentChecksum", (a, b) => same(a.sha256, b.sha256)],
    ["Acls", (a, b) => same(a.acls, b.acls)],
    ["Attributes", (a, b) => same(a.attributes, b.attributes)],
    ["DateCreated", (a, b) => sameDate(a.dateCreated, b.dateCreated)],
    ["DateModified", (a, b) => sameDate(a.dateModified, b.dateModified)],
    ["Inode", (a, b) => same(a.inode, b.inode)],
    // The extended set: compared only when both sides were recorded with it (see `extended`).
    ["FileType", (a, b) => same(a.fileType, b.fileType)],
    ["LinkCount", (a, b) => same(a.linkCount, b.linkCount)],
    ["LinkTarget", (a, b) => same(a.linkTarget, b.linkTarget)],
    ["ExtendedAttributes", (a, b) => same(a.xattrs, b.xattrs)],
    ["PosixAcl", (a, b) => same(a.posixAcl, b.posixAcl)],
    ["Capabilities", (a, b) => same(a.capabilities, b.capabilities)],
    ["SelinuxContext", (a, b) => same(a.selinuxContext, b.selinuxContext)],
  ],
  Registry: [
    ["ValueType", (a, b) => same(a.valueType, b.valueType)],
    ["ValueData", (a, b) => same(a.valueData, b.valueData)],
  ],
  WindowsServices: [
    ["SvcState", (a, b) => same(a.svcState, b.svcState)],
    ["SvcStartupType", (a, b) => same(a.svcStartupType, b.svcStartupType)],
    ["SvcPath", (a, b) => same(a.svcPath, b.svcPath)],
    ["SvcAccount", (a, b) => same(a.svcAccount, b.svcAccount)],
  ],
};

/** Files: how many of the compared attributes are the basic set, always compared. */
const BASIC: Partial<Record<ChangeType, number>> = { Files: COMPARED.Files.findIndex(([f]) => f === "FileType") };
const extended = (a: InventoryEntry, b: InventoryEntry) => a.fileType != null && b.fileType != null;

/** The ConfigurationChange field names diffInventories can report, per change type. */
export const COMPARED_FIELDS: Record<ChangeType, readonly string[]> = {
  Files: COMPARED.Files.map(([f]) => f),
  Registry: COMPARED.Registry.map(([f]) => f),
  WindowsServices: COMPARED.WindowsServices.map(([f]) => f),
};

/** Entries by change type, then item key: nested Maps avoid building a composite key string per entry. */
type Index = Map<ChangeType, Map<string, InventoryEntry>>;

function index(entries: Iterable<InventoryEntry>): Index {
  const idx: Index = new Map();
  for (const e of entries) {
    let byKey = idx.get(e.changeType);
    if (byKey === undefined) idx.set(e.changeType, (byKey = new Map()));
    byKey.set(e.itemKey, e);
  }
  return idx;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(i + 1);
}

function identity(e: InventoryEntry): Pick<ChangeDraft, "target" | "name"> {
  if (e.changeType === "Files") return { target: e.itemKey, name: baseName(e.itemKey) };
  if (e.changeType === "Registry") {
    if (e.registryKey == null) return { target: e.itemKey, name: e.valueName || baseName(e.itemKey) };
    const target = e.valueName ? `${e.registryKey}\\${e.valueName}` : e.registryKey;
    return { target, name: e.valueName || baseName(e.registryKey) };
  }
  const target = e.svcName ?? e.itemKey;
  return { target, name: e.svcDisplayName ?? target };
}

/**
 * Builds the value columns. `cur` feeds the current columns and `prev` the previous ones; identifying columns
 * (registry key, value name, service name and display name) come from whichever side exists, current first.
 */
function values(cur: InventoryEntry | null, prev: InventoryEntry | null): ChangeValues {
  const id = (cur ?? prev)!;
  const c = cur ?? ({} as Partial<InventoryEntry>);
  const p = prev ?? ({} as Partial<InventoryEntry>);
  const reg = id.changeType === "Registry";
  const svc = id.changeType === "WindowsServices";
  const registryKey = reg ? (id.registryKey ?? null) : null;
  return {
    size: c.size ?? null,
    previousSize: p.size ?? null,
    sha256: c.sha256 ?? null,
    previousSha256: p.sha256 ?? null,
    acls: c.acls ?? null,
    previousAcls: p.acls ?? null,
    attributes: c.attributes ?? null,
    previousAttributes: p.attributes ?? null,
    dateCreated: c.dateCreated ?? null,
    previousDateCreated: p.dateCreated ?? null,
    dateModified: c.dateModified ?? null,
    previousDateModified: p.dateModified ?? null,
    hive: registryKey === null ? null : (splitRegistryKey(registryKey)?.hive ?? null),
    registryKey,
    valueName: reg ? (id.valueName ?? null) : null,
    valueType: c.valueType ?? null,
    previousValueType: p.valueType ?? null,
    valueData: c.valueData ?? null,
    previousValueData: p.valueData ?? null,
    svcName: svc ? (id.svcName ?? id.itemKey) : null,
    svcDisplayName: svc ? (id.svcDisplayName ?? null) : null,
    svcState: c.svcState ?? null,
    svcPreviousState: p.svcState ?? null,
    svcStartupType: c.svcStartupType ?? null,
    svcPreviousStartupType: p.svcStartupType ?? null,
    svcPath: c.svcPath ?? null,
    svcPreviousPath: p.svcPath ?? null,
    svcAccount: c.svcAccount ?? null,
    svcPreviousAccount: p.svcAccount ?? null,
    contentSha256: c.contentSha256 ?? null,
    previousContentSha256: p.contentSha256 ?? null,
    fileType: c.fileType ?? null,
    previousFileType: p.fileType ?? null,
    linkCount: c.linkCount ?? null,
    previousLinkCount: p.linkCount ?? null,
    linkTarget: c.linkTarget ?? null,
    previousLinkTarget: p.linkTarget ?? null,
    xattrs: c.xattrs ?? null,
    previousXattrs: p.xattrs ?? null,
    posixAcl: c.posixAcl ?? null,
    previousPosixAcl: p.posixAcl ?? null,
    capabilities: c.capabilities ?? null,
    previousCapabilities: p.capabilities ?? null,
    selinuxContext: c.selinuxContext ?? null,
    previousSelinuxContext: p.selinuxContext ?? null,
  };
}

function draft(category: ChangeCategory, cur: InventoryEntry | null, prev: InventoryEntry | null, fieldsChanged: string[]): ChangeDraft {
  const id = (cur ?? prev)!;
  return {
    category,
    changeType: id.changeType,
    ...identity(id),
    entityId: id.entityId ?? null,
    fieldsChanged,
    ...values(cur, prev),
  };
}

const TYPE_ORDER: Record<ChangeType, number> = { Files: 0, Registry: 1, WindowsServices: 2 };

interface Keyed {
  itemKey: string;
  change: ChangeDraft;
}

/** Orders by change type, then item key (code-unit order, locale-independent so the result is deterministic). */
function compareKeyed(a: Keyed, b: Keyed): number {
  const t = TYPE_ORDER[a.change.changeType] - TYPE_ORDER[b.change.changeType];
  if (t !== 0) return t;
  return a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0;
}

/**
 * Changes between two inventories of one machine. Items are identified by (changeType, itemKey), as in the
 * InventoryItem unique index; if an input repeats an identity, its last entry wins.
 * Added carries only current values, Removed only previous values (plus identifying columns), Modified both.
 */
export function diffInventories(previous: Iterable<InventoryEntry>, current: Iterable<InventoryEntry>): ChangeDraft[] {
  const before = index(previous);
  const after = index(current);
  const none = new Map<string, InventoryEntry>();

  const out: Keyed[] = [];
  for (const [type, curByKey] of after) {
    const prevByKey = before.get(type) ?? none;
    const compared = COMPARED[type];
    const basic = BASIC[type] ?? compared.length;
    for (const [key, cur] of curByKey) {
      const prev = prevByKey.get(key);
      if (prev === undefined) {
        out.push({ itemKey: key, change: draft("Added", cur, null, []) });
        continue;
      }
      let fields: string[] | null = null;
      const n = extended(prev, cur) ? compared.length : basic;
      for (let i = 0; i < n; i++) {
        const [field, eq] = compared[i];
        if (!eq(prev, cur)) (fields ??= []).push(field);
      }
      if (fields !== null) out.push({ itemKey: key, change: draft("Modified", cur, prev, fields) });
    }
  }
  for (const [type, prevByKey] of before) {
    const curByKey = after.get(type) ?? none;
    for (const [key, prev] of prevByKey) {
      if (!curByKey.has(key)) out.push({ itemKey: key, change: draft("Removed", null, prev, []) });
    }
  }
  return out.sort(compareKeyed).map((k) => k.change);
}
