// The rpm database where the host has rpm (checked when a scan first needs it): one `rpm -qa --queryformat` call a
// read gives every installed file's package, shipped digest and the package's install time, never a call per file.
// rpm keeps no history, so a package's last event is its install or upgrade time, without the version before.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import type { PackageEvent } from "@/lib/domain/packages";
import { parseRpmFiles, RPM_QUERY_FORMAT } from "@/lib/domain/rpm";
import { addOwner, nextIndex, type PackageIndex } from "./packages";

/** Where rpm keeps its database (current and older layouts): while they are unchanged, the last read stands. */
const RPMDB_DIRS = ["/usr/lib/sysimage/rpm", "/var/lib/rpm"];

const stamp = () =>
  RPMDB_DIRS.map((d) => {
    try {
      const st = statSync(d);
      return `${st.mtimeMs}`;
    } catch {
      return "";
    }
  }).join("|");

let last: { key: string; index: PackageIndex } | null = null;

/** null when rpm is not on the PATH (or fails): no rpm database to attribute with. */
export function loadRpmIndex(): PackageIndex | null {
  const key = stamp();
  // Without a database folder to watch (rpm elsewhere, a test's rpm), every read asks rpm again.
  if (last && key !== "|" && last.key === key) return last.index;
  let text: string;
  try {
    text = execFileSync("rpm", ["-qa", "--queryformat", RPM_QUERY_FORMAT], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
  const owner = new Map<string, string>();
  const sharedOwners = new Map<string, string[]>();
  const digests = new Map<string, string>();
  const versions = new Map<string, string>();
  const events = new Map<string, PackageEvent>();
  for (const f of parseRpmFiles(text)) {
    addOwner(owner, sharedOwners, f.path, f.pkg);
    if (f.digest) digests.set(`${f.pkg}\u0000${f.path}`, f.digest);
    if (!versions.has(f.pkg)) {
      versions.set(f.pkg, f.version);
      events.set(f.pkg, { kind: "install", from: null, to: f.version, at: f.installedAt });
    }
  }
  const index = nextIndex(last?.index, {
    owner,
    sharedOwners,
    shippedDigest: (pkg, p) => digests.get(`${pkg}\u0000${p}`),
    versions,
    events,
  });
  last = { key, index };
  return index;
}
