// Inventory entries of the local scanner, from file metadata (an lstat on the walking thread, or the fstat a
// hashing thread made on the file it read).
import type { BigIntStats } from "node:fs";
import type { InventoryEntry } from "@/lib/domain/diff";
import { aclString, fileTypeName, isDirectory, isSymlink } from "./format";
import { NO_EXTENDED, type ExtendedAttrs } from "./xattrs";

export interface FileMeta {
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: bigint;
  size: bigint;
  nlink: number;
}

export function metaOf(st: BigIntStats): FileMeta {
  return {
    mode: Number(st.mode),
    uid: Number(st.uid),
    gid: Number(st.gid),
    mtimeMs: Number(st.mtimeMs),
    ctimeMs: Number(st.ctimeMs),
    ino: st.ino,
    size: st.size,
    nlink: Number(st.nlink),
  };
}

/** Mode/owner and type strings repeat across thousands of files: one copy of each. */
const interned = new Map<string, string>();
function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < 10_000) interned.set(s, s);
  return s;
}

/** Where an entry comes from: its entity, and for a link, the link's target (and its own owner when followed). */
export interface Origin {
  entityId: string;
  linkTarget: string | null;
  followed: boolean;
  /** A followed link's own owner (`uid=0 gid=0`): `chown -h` changes the link, not what it leads to. */
  linkOwner?: string | null;
}

/** The Acls column, one string per distinct (mode, uid, gid): no string is built for a combination seen before. */
const aclCache = new Map<number, Map<number, Map<number, string>>>();
function aclFor(meta: FileMeta): string {
  let byUid = aclCache.get(meta.mode);
  if (byUid === undefined) aclCache.set(meta.mode, (byUid = new Map()));
  let byGid = byUid.get(meta.uid);
  if (byGid === undefined) byUid.set(meta.uid, (byGid = new Map()));
  let acl = byGid.get(meta.gid);
  if (acl === undefined) byGid.set(meta.gid, (acl = aclString(meta.mode, meta.uid, meta.gid)));
  return acl;
}

function attributesFor(origin: Origin, meta: FileMeta): string {
  const type = fileTypeName(meta.mode);
  if (isSymlink(meta.mode)) return `symlink -> ${origin.linkTarget}`;
  if (!origin.followed) return type;
  return intern(`${type} (via symlink -> ${origin.linkTarget}${origin.linkOwner ? `, link ${origin.linkOwner}` : ""})`);
}

/**
 * An inventory entry from metadata. Folders keep no size, dates or link count: each moves whenever an entry is
 * added to or removed from them, which is reported as that entry's own change.
 */
export function toEntry(
  path: string,
  origin: Origin,
  meta: FileMeta,
  sha256: string | null = null,
  ext: ExtendedAttrs = NO_EXTENDED,
): InventoryEntry {
  const folder = isDirectory(meta.mode);
  return {
    changeType: "Files",
    itemKey: path,
    entityId: origin.entityId,
    size: folder ? null : meta.size,
    sha256,
    acls: aclFor(meta),
    attributes: attributesFor(origin, meta),
    inode: meta.ino,
    dateModified: folder ? null : new Date(meta.mtimeMs),
    // Linux has no reliable birth time (statx btime is missing on many filesystems and not kept by tools that
    // preserve times), so the inode change time stands in for DateCreated, as AIDE's "c" attribute does.
    dateCreated: folder ? null : new Date(meta.ctimeMs),
    contentSha256: null,
    fileType: fileTypeName(meta.mode),
    linkCount: folder ? null : meta.nlink,
    linkTarget: origin.linkTarget,
    ...ext,
    verifiedAt: null,
  };
}

/**
 * Same file as last time: the cheap test that lets a rescan skip reading it. Compares raw metadata without
 * building an entry: V8 allocates objects of a site whose objects usually live (toEntry's) straight in the old
 * generation, so throwaway entries there would pile up as old garbage on every rescan.
 */
export function unchangedSince(prev: InventoryEntry, origin: Origin, m: FileMeta): boolean {
  return (
    prev.sha256 != null &&
    prev.entityId === origin.entityId &&
    prev.inode === m.ino &&
    prev.size === m.size &&
    prev.dateModified?.getTime() === m.mtimeMs &&
    prev.dateCreated?.getTime() === m.ctimeMs &&
    prev.linkCount === m.nlink &&
    prev.fileType != null &&
    prev.acls === aclFor(m) &&
    prev.attributes === attributesFor(origin, m)
  );
}
/**
 * The current entry of an unchanged file, built from the previous entry's values: a rescan of 100,000 files then
 * shares their dates, sizes and strings with the previous inventory instead of holding a second copy.
 */
export function carriedOver(prev: InventoryEntry, contentSha256: string | null): InventoryEntry {
  // xattrs, ACLs and capabilities cannot change without changing the ctime compared above: they are carried too.
  return {
    changeType: "Files",
    itemKey: prev.itemKey,
    entityId: prev.entityId,
    size: prev.size,
    sha256: prev.sha256,
    acls: prev.acls,
    attributes: prev.attributes,
    inode: prev.inode,
    dateModified: prev.dateModified,
    dateCreated: prev.dateCreated,
    contentSha256,
    fileType: prev.fileType,
    linkCount: prev.linkCount,
    linkTarget: prev.linkTarget,
    xattrs: prev.xattrs ?? null,
    posixAcl: prev.posixAcl ?? null,
    capabilities: prev.capabilities ?? null,
    selinuxContext: prev.selinuxContext ?? null,
    verifiedAt: prev.verifiedAt ?? null,
  };
}
