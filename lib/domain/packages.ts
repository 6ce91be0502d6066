import type { InventoryEntry } from "./diff";

// Package attribution of a file change (Debian's dpkg database; pure: the scanner reads the files, this reads the
// text). A changed file is a *Package update* when its new content is what its package shipped, *Differs from
// package* when a package owns it but its content is not the shipped one (the most suspicious kind), and *No package*
// when no installed package owns it. Folders and symbolic links (dpkg's lists name them too) are judged by owner and
// the time of the package's last event, and a removed file by the list that last named it (see removedFileFacts).

export const ATTRIBUTIONS = ["PackageUpdate", "DiffersFromPackage", "NoPackage"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export const ATTRIBUTION_LABEL: Record<Attribution, string> = {
  PackageUpdate: "Package update",
  DiffersFromPackage: "Differs from package",
  NoPackage: "No package",
};

/** What the scanner found out about one file from the package database. */
export interface PackageFacts {
  /** The installed package that owns the path; null when none does. */
  packageName: string | null;
  packageVersion?: string | null;
  /**
   * The file is as its package's last install or upgrade wrote it (true): shipped content, changed at that time; not
   * (false): other content, or changed when the package manager did not run; null: not judged.
   */
  packageShipped?: boolean | null;
  /** The last install or upgrade of the package in the package manager's log: the version before it, and when. */
  packagePreviousVersion?: string | null;
  packageUpdatedAt?: Date | null;
}

/** The attribution of a content change of a file with these facts; null when there is nothing to judge. */
export function attributionOf(f: Partial<PackageFacts> | null | undefined): Attribution | null {
  // No packageName at all: the scanner did not look (Windows, the simulated fleet without facts, an older agent).
  if (!f || f.packageName === undefined) return null;
  if (f.packageName === null) return "NoPackage";
  if (f.packageShipped === true) return "PackageUpdate";
  if (f.packageShipped === false) return "DiffersFromPackage";
  return null;
}

/** An inventory entry with the package facts the local scanner adds to a file it attributes. */
export type AttributedEntry = InventoryEntry & Partial<PackageFacts>;

/** Package names in dpkg's files may carry the architecture (`libc6:amd64`); the log and status name them both ways. */
export const bareName = (name: string) => name.replace(/:[a-z0-9-]+$/, "");

/** Installed packages' versions from /var/lib/dpkg/status (stanzas separated by blank lines). */
export function parseDpkgStatus(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of text.split(/\n\n+/)) {
    let name: string | null = null;
    let version: string | null = null;
    let installed = false;
    for (const line of stanza.split("\n")) {
      if (line.startsWith("Package: ")) name = line.slice(9).trim();
      else if (line.startsWith("Version: ")) version = line.slice(9).trim();
      else if (line.startsWith("Status: ")) installed = / installed$/.test(line.trim());
    }
    if (name && version && installed) out.set(name, version);
  }
  return out;
}

/** A package's last event in dpkg's log: install (`from` null), upgrade (a reinstall goes to the same version), remove. */
export type PackageEvent = { kind: "install" | "upgrade" | "remove"; from: string | null; to: string | null; at: Date };

/**
 * The last install, upgrade or removal of each package in /var/log/dpkg.log ("2026-12-04 19:20:51 upgrade pkg:amd64
 * 1.0 1.1"; an install's old version is `<none>`, a removal's or purge's new one). Times are the host's local time.
 */
export function parseDpkgLog(text: string): Map<string, PackageEvent> {
  const out = new Map<string, PackageEvent>();
  const re = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (install|upgrade|remove|purge) (\S+) (\S+) (\S+)$/;
  const version = (v: string) => (v === "<none>" ? null : v);
  for (const line of text.split("\n")) {
    const m = re.exec(line);
    if (!m) continue;
    const at = new Date(`${m[1]}T${m[2]}`);
    if (Number.isNaN(at.getTime())) continue;
    const kind = m[3] === "purge" ? "remove" : (m[3] as PackageEvent["kind"]);
    out.set(bareName(m[4]), { kind, from: version(m[5]), to: version(m[6]), at });
  }
  return out;
}

/** How close a change must be to its package's last event in dpkg's log for the package to own it. */
export const PACKAGE_EVENT_SLACK_MS = 10 * 60_000;

/** What the scanner knows of a path that is gone from the scanned tree. */
export interface RemovalLookup {
  /** An installed package that still lists the path. */
  owner: string | undefined;
  /** The package whose list named the path until a later read of the database did not, and when it was read. */
  former: { pkg: string; listedAt: Date } | undefined;
  event(pkg: string): PackageEvent | undefined;
  version(pkg: string): string | undefined;
  /** The database was read before this scan, so a path in no list then or now was never a package's. */
  historyKnown: boolean;
}

/**
 * The package facts of a removed file. Still listed by an installed package: removed by someone else (not as shipped).
 * Named by a list that a later read no longer has, and its package upgraded or removed since that list was read: the
 * package manager's doing (a removed package has no version). In no list, now or since the database was first read:
 * no package's. Otherwise not judged (the database changed while nobody read it).
 */
export function removedFileFacts(l: RemovalLookup): Partial<PackageFacts> {
  const facts = (pkg: string, shipped: boolean | null): PackageFacts => {
    const event = l.event(pkg);
    return {
      packageName: pkg,
      packageVersion: l.version(pkg) ?? null,
      packagePreviousVersion: event?.from ?? null,
      packageUpdatedAt: event?.at ?? null,
      packageShipped: shipped,
    };
  };
  if (l.owner !== undefined) return facts(l.owner, false);
  if (l.former !== undefined) {
    const event = l.event(l.former.pkg);
    const byPackage = event !== undefined && event.at.getTime() >= l.former.listedAt.getTime() - PACKAGE_EVENT_SLACK_MS;
    return facts(l.former.pkg, byPackage ? true : null);
  }
  return l.historyKnown ? { packageName: null } : {};
}

/** A path gone from the scanned tree, with its package facts (sent beside the inventory, which no longer has it). */
export type RemovedEntry = { itemKey: string } & Partial<PackageFacts>;

/** `md5  relative/path` lines of a package's .md5sums, as [absolute path, md5]. */
export function parseMd5sums(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]{32}) {1,2}(.+)$/.exec(line);
    if (m) out.push([`/${m[2]}`, m[1]]);
  }
  return out;
}

/** On a merged-/usr system a package may list /bin/ls for what is scanned as /usr/bin/ls, and the other way round. */
export function pathAliases(path: string): string[] {
  const m = /^\/usr\/(bin|sbin|lib|lib32|lib64|libx32)\/(.*)$/.exec(path);
  if (m) return [path, `/${m[1]}/${m[2]}`];
  const n = /^\/(bin|sbin|lib|lib32|lib64|libx32)\/(.*)$/.exec(path);
  if (n) return [path, `/usr/${n[1]}/${n[2]}`];
  return [path];
}
