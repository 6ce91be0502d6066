import type { InventoryEntry } from "./diff";

// Package attribution of a file change (Debian's dpkg database; pure: the scanner reads the files, this reads the
// text). A changed file is a *Package update* when its new content is what its package shipped, *Differs from
// package* when a package owns it but its content is not the shipped one (the most suspicious kind), and *No package*
// when no installed package owns it.

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

export type PackageEvent = { from: string | null; to: string; at: Date };

/**
 * The last install or upgrade of each package in /var/log/dpkg.log ("2026-12-04 19:20:51 upgrade pkg:amd64 1.0 1.1";
 * an install's old version is `<none>`; a reinstall upgrades to the same version). Times are the host's local time.
 */
export function parseDpkgLog(text: string): Map<string, PackageEvent> {
  const out = new Map<string, PackageEvent>();
  const re = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (install|upgrade) (\S+) (\S+) (\S+)$/;
  for (const line of text.split("\n")) {
    const m = re.exec(line);
    if (!m) continue;
    const at = new Date(`${m[1]}T${m[2]}`);
    if (Number.isNaN(at.getTime())) continue;
    out.set(bareName(m[4]), { from: m[5] === "<none>" ? null : m[5], to: m[6], at });
  }
  return out;
}

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
