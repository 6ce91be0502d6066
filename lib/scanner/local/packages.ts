// The dpkg database, read at most once per scan, and the package facts of the scanned files: which installed package owns
// each path (its .list files), whether a changed file's content is the one its package shipped (.md5sums), its
// version (status) and its last install, upgrade or removal (dpkg.log). Where there is no dpkg database, nothing is
// attributed. Paths a list named at one read and not at the next are kept (for a week): a file an upgrade or removal
// took away is the package's only while the list that named it is known.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { InventoryEntry } from "@/lib/domain/diff";
import {
  bareName,
  PACKAGE_EVENT_SLACK_MS,
  parseDpkgLog,
  parseDpkgStatus,
  parseMd5sums,
  pathAliases,
  removedFileFacts,
  type AttributedEntry,
  type PackageEvent,
  type RemovedEntry,
} from "@/lib/domain/packages";

export { PACKAGE_EVENT_SLACK_MS };

export interface PackageIndex {
  owner: Map<string, string>;
  /** Every package listing a path that several list (folders such as /usr/bin): the first is in `owner`. */
  sharedOwners: Map<string, string[]>;
  /** Paths an earlier read's lists named and this one's do not: the package, and when that earlier read was. */
  former: Map<string, { pkg: string; listedAt: Date }>;
  loadedAt: Date;
  /** The first read of this database in this process. */
  firstLoadedAt: Date;
  /** The digest a package shipped for a path (hex: MD5 from dpkg's .md5sums, MD5 or SHA-256 from rpm). */
  shippedDigest(pkg: string, path: string): string | undefined;
  versions: Map<string, string>;
  events: Map<string, PackageEvent>;
}

const readText = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};

const stamp = (file: string) => {
  try {
    const st = statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return "-";
  }
};

// dpkg rewrites its status file (and the info folder's entries) on every install, upgrade or removal, and appends to
// its log: while those three are as they were, the database read last time is still the database.
const cached = new Map<string, { key: string; index: PackageIndex }>();

/**
 * Reads the dpkg database under `root` ("/" on the host); null when the host has none (not a Debian system). Called
 * once per scan; a scan after no package change reuses the previous read (three stats instead of 900 files).
 */
export function loadDpkgIndex(root = "/"): PackageIndex | null {
  const info = path.join(root, "var/lib/dpkg/info");
  if (!existsSync(info)) return null;
  const status = path.join(root, "var/lib/dpkg/status");
  const log = path.join(root, "var/log/dpkg.log");
  const key = `${stamp(info)}|${stamp(status)}|${stamp(log)}`;
  const hit = cached.get(root);
  if (hit?.key === key) return hit.index;
  const owner = new Map<string, string>();
  const sharedOwners = new Map<string, string[]>();
  const listFiles = new Map<string, string>();
  for (const file of readdirSync(info)) {
    if (!file.endsWith(".list")) continue;
    const pkg = bareName(file.slice(0, -5));
    listFiles.set(pkg, file.slice(0, -5));
    for (const line of readText(path.join(info, file)).split("\n")) if (line.length > 1) addOwner(owner, sharedOwners, line, pkg);
  }
  const md5s = new Map<string, Map<string, string>>();
  const index = nextIndex(hit?.index, {
    owner,
    sharedOwners,
    shippedDigest(pkg, p) {
      let sums = md5s.get(pkg);
      if (sums === undefined) {
        sums = new Map(parseMd5sums(readText(path.join(info, `${listFiles.get(pkg) ?? pkg}.md5sums`))));
        md5s.set(pkg, sums);
      }
      return sums.get(p);
    },
    versions: parseDpkgStatus(readText(status)),
    events: parseDpkgLog(readText(log)),
  });
  cached.set(root, { key, index });
  return index;
}

/** Records that `pkg` lists `p` (the first package in `owner`, all of them where several do). */
export function addOwner(owner: Map<string, string>, shared: Map<string, string[]>, p: string, pkg: string) {
  const first = owner.get(p);
  if (first === undefined) owner.set(p, pkg);
  else if (first !== pkg) shared.set(p, [...(shared.get(p) ?? [first]), pkg]);
}

const FORMER_KEPT_MS = 7 * 86_400_000;

/** A read of a package database, following `prev` (the last read of the same database in this process). */
export function nextIndex(prev: PackageIndex | undefined, read: Omit<PackageIndex, "former" | "loadedAt" | "firstLoadedAt">): PackageIndex {
  const loadedAt = new Date();
  return { ...read, former: formerPaths(prev, read.owner, loadedAt), loadedAt, firstLoadedAt: prev?.firstLoadedAt ?? loadedAt };
}

/** The previous read's former paths and the paths its lists named that these lists do not (an upgrade or removal). */
function formerPaths(prev: PackageIndex | undefined, owner: ReadonlyMap<string, string>, now: Date) {
  const former = new Map<string, { pkg: string; listedAt: Date }>();
  if (!prev) return former;
  for (const [p, f] of prev.former) if (!owner.has(p) && now.getTime() - f.listedAt.getTime() < FORMER_KEPT_MS) former.set(p, f);
  for (const [p, pkg] of prev.owner) if (!owner.has(p)) former.set(p, { pkg, listedAt: prev.loadedAt });
  return former;
}

function md5Of(file: string): string | null {
  try {
    return createHash("md5").update(readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

/** Whether an entry differs from the previous inventory's in anything a change is made of. */
function changedSince(e: InventoryEntry, prev: InventoryEntry | undefined): boolean {
  if (prev === undefined) return true;
  return (
    prev.sha256 !== e.sha256 ||
    prev.inode !== e.inode ||
    prev.size !== e.size ||
    prev.acls !== e.acls ||
    prev.attributes !== e.attributes ||
    prev.dateModified?.getTime() !== e.dateModified?.getTime() ||
    prev.dateCreated?.getTime() !== e.dateCreated?.getTime()
  );
}

const near = (changedAt: number | undefined, event: PackageEvent | undefined) =>
  event !== undefined && changedAt !== undefined && Math.abs(changedAt - event.at.getTime()) <= PACKAGE_EVENT_SLACK_MS;

/** A path's ctime now; undefined when it is gone. */
function ctimeOf(file: string): number | undefined {
  try {
    return lstatSync(file).ctimeMs;
  } catch {
    return undefined;
  }
}

/**
 * A folder or link a package lists: its doing when it changed at the last event of a package that lists it. Folders
 * carry no times in the inventory (they move with every entry added): their ctime is read here, for changed ones only.
 */
function attachFolderOrLink(e: AttributedEntry, index: PackageIndex, owners: string[]): void {
  const changedAt = e.dateCreated?.getTime() ?? ctimeOf(e.itemKey);
  const pkg = owners.find((p) => near(changedAt, index.events.get(p))) ?? owners[0];
  const event = index.events.get(pkg);
  e.packageName = pkg;
  e.packageVersion = index.versions.get(pkg) ?? null;
  e.packagePreviousVersion = event?.from ?? null;
  e.packageUpdatedAt = event?.at ?? null;
  // Nothing shipped to compare a folder or a link with: changed at its package's event, or not judged.
  e.packageShipped = near(changedAt, event) ? true : null;
}

const isFolderOrLink = (e: InventoryEntry) => e.fileType === "directory" || e.fileType === "symlink";

/**
 * The package facts of each file that changed since `previous` (or is new to it): only those become changes, so a
 * first scan (a baseline) and a rescan of unchanged files never open the package database, and it is read at most
 * once per scan. A file is "as shipped" (packageShipped) when its content is its package's shipped content and it
 * changed when the package was last installed or upgraded (its ctime within PACKAGE_EVENT_SLACK_MS of that dpkg.log
 * entry): a reinstall that rewrites a file identically is the package's doing, a chmod a week later is not. Folders
 * and symbolic links a package lists are its doing when they changed at that time (there is no content to compare).
 */
export function attachPackages(
  entries: InventoryEntry[],
  load: () => PackageIndex | null,
  previous?: ReadonlyMap<string, InventoryEntry>,
  md5s?: ReadonlyMap<string, string>,
): void {
  if (previous === undefined || previous.size === 0) return;
  let index: PackageIndex | null | undefined;
  for (const e of entries as AttributedEntry[]) {
    const folderOrLink = isFolderOrLink(e);
    if (e.changeType !== "Files" || (e.sha256 == null && !folderOrLink) || !changedSince(e, previous.get(e.itemKey))) continue;
    index ??= load();
    if (index === null) return;
    const aliases = pathAliases(e.itemKey);
    const found = aliases.find((p) => index!.owner.has(p));
    const pkg = found === undefined ? undefined : index.owner.get(found);
    if (pkg === undefined) {
      e.packageName = null;
      continue;
    }
    if (folderOrLink) {
      attachFolderOrLink(e, index, index.sharedOwners.get(found!) ?? [pkg]);
      continue;
    }
    const event = index.events.get(pkg);
    e.packageName = pkg;
    e.packageVersion = index.versions.get(pkg) ?? null;
    e.packagePreviousVersion = event?.from ?? null;
    e.packageUpdatedAt = event?.at ?? null;
    const shipped = aliases.map((p) => index!.shippedDigest(pkg, p)).find((s) => s !== undefined);
    // A SHA-256 (rpm) is compared with the scan's own; an MD5 is the one the scan's read took, or read again.
    const actual = shipped === undefined ? null : shipped.length === 64 ? e.sha256 : (md5s?.get(e.itemKey) ?? md5Of(e.itemKey));
    const contentShipped = shipped === undefined || actual == null ? null : actual === shipped;
    const byPackage = near(e.dateCreated?.getTime(), event);
    // Content not as shipped, or a change the package manager did not make: not the package's. A file without a
    // shipped checksum (a conffile) changed at the package's upgrade is taken as the package's; otherwise unjudged.
    e.packageShipped = contentShipped === false ? false : byPackage ? true : contentShipped === true ? false : null;
  }
}

/**
 * The package facts of the files, folders and links of `previous` this scan no longer found (removedFileFacts). The
 * server keeps those of the paths it records as Removed. `scanStartedAt` tells whether the database was read before
 * this scan: only then is a path in no list known never to have been a package's.
 */
export function removedPackages(
  entries: readonly InventoryEntry[],
  load: () => PackageIndex | null,
  previous: ReadonlyMap<string, InventoryEntry> | undefined,
  scanStartedAt: Date,
): RemovedEntry[] {
  if (previous === undefined || previous.size === 0) return [];
  const present = new Set(entries.map((e) => e.itemKey));
  const gone = [...previous.values()].filter((p) => p.changeType === "Files" && !present.has(p.itemKey));
  if (gone.length === 0) return [];
  const index = load();
  if (index === null) return [];
  const historyKnown = index.firstLoadedAt < scanStartedAt;
  return gone.map((p) => {
    const aliases = pathAliases(p.itemKey);
    return {
      itemKey: p.itemKey,
      ...removedFileFacts({
        owner: aliases.map((a) => index.owner.get(a)).find((x) => x !== undefined),
        former: aliases.map((a) => index.former.get(a)).find((x) => x !== undefined),
        event: (pkg) => index.events.get(pkg),
        version: (pkg) => index.versions.get(pkg),
        historyKnown,
      }),
    };
  });
}
