// The dpkg database, read at most once per scan, and the package facts of the scanned files: which installed package owns
// each path (its .list files), whether a changed file's content is the one its package shipped (.md5sums), its
// version (status) and its last install or upgrade (dpkg.log). Where there is no dpkg database, nothing is attributed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { InventoryEntry } from "@/lib/domain/diff";
import {
  bareName,
  parseDpkgLog,
  parseDpkgStatus,
  parseMd5sums,
  pathAliases,
  type AttributedEntry,
  type PackageEvent,
} from "@/lib/domain/packages";

export interface PackageIndex {
  owner: Map<string, string>;
  /** Shipped checksums of one package, read from its .md5sums when a changed file of it needs them. */
  shippedMd5(pkg: string, path: string): string | undefined;
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
  const listFiles = new Map<string, string>();
  for (const file of readdirSync(info)) {
    if (!file.endsWith(".list")) continue;
    const pkg = bareName(file.slice(0, -5));
    listFiles.set(pkg, file.slice(0, -5));
    for (const line of readText(path.join(info, file)).split("\n")) if (line.length > 1) owner.set(line, pkg);
  }
  const md5s = new Map<string, Map<string, string>>();
  const index: PackageIndex = {
    owner,
    shippedMd5(pkg, p) {
      let sums = md5s.get(pkg);
      if (sums === undefined) {
        sums = new Map(parseMd5sums(readText(path.join(info, `${listFiles.get(pkg) ?? pkg}.md5sums`))));
        md5s.set(pkg, sums);
      }
      return sums.get(p);
    },
    versions: parseDpkgStatus(readText(status)),
    events: parseDpkgLog(readText(log)),
  };
  cached.set(root, { key, index });
  return index;
}

function md5Of(file: string): string | null {
  try {
    return createHash("md5").update(readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

/** How close a file's change (its ctime) must be to its package's last install or upgrade for the package to own it. */
export const PACKAGE_EVENT_SLACK_MS = 10 * 60_000;

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

/**
 * The package facts of each file that changed since `previous` (or is new to it): only those become changes, so a
 * first scan (a baseline) and a rescan of unchanged files never open the package database, and it is read at most
 * once per scan. A file is "as shipped" (packageShipped) when its content is its package's shipped content and it
 * changed when the package was last installed or upgraded (its ctime within PACKAGE_EVENT_SLACK_MS of that dpkg.log
 * entry): a reinstall that rewrites a file identically is the package's doing, a chmod a week later is not.
 */
export function attachPackages(
  entries: InventoryEntry[],
  load: () => PackageIndex | null,
  previous?: ReadonlyMap<string, InventoryEntry>,
): void {
  if (previous === undefined || previous.size === 0) return;
  let index: PackageIndex | null | undefined;
  for (const e of entries as AttributedEntry[]) {
    if (e.changeType !== "Files" || e.sha256 == null || !changedSince(e, previous.get(e.itemKey))) continue;
    index ??= load();
    if (index === null) return;
    const aliases = pathAliases(e.itemKey);
    const pkg = aliases.map((p) => index!.owner.get(p)).find((p) => p !== undefined);
    if (pkg === undefined) {
      e.packageName = null;
      continue;
    }
    const event = index.events.get(pkg);
    e.packageName = pkg;
    e.packageVersion = index.versions.get(pkg) ?? null;
    e.packagePreviousVersion = event?.from ?? null;
    e.packageUpdatedAt = event?.at ?? null;
    const shipped = aliases.map((p) => index!.shippedMd5(pkg, p)).find((s) => s !== undefined);
    const actual = shipped === undefined ? null : md5Of(e.itemKey);
    const contentShipped = shipped === undefined || actual === null ? null : actual === shipped;
    const changedAt = e.dateCreated?.getTime();
    const byPackage = event !== undefined && changedAt !== undefined && Math.abs(changedAt - event.at.getTime()) <= PACKAGE_EVENT_SLACK_MS;
    // Content not as shipped, or a change the package manager did not make: not the package's. A file without a
    // shipped checksum (a conffile) changed at the package's upgrade is taken as the package's; otherwise unjudged.
    e.packageShipped = contentShipped === false ? false : byPackage ? true : contentShipped === true ? false : null;
  }
}
