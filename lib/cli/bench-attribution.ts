// `npm run bench:attribution -- [--path /usr/bin] [--runs 7]`
// What package attribution costs the local scanner: scans of a folder of this host with and without the dpkg
// database, alternating, median of each: a first scan (full hash, nothing to attribute), the usual rescan of
// unchanged files, and the worst case, a rescan where every file's content changed (each owned file's MD5 is taken in
// the same read as its SHA-256). The database is read (or its cached read reused, while dpkg has not changed it)
// inside each scan.
import { loadDpkgIndex } from "@/lib/scanner/local/packages";
import { scanLocalFiles } from "@/lib/scanner/local/scan-files";
import type { FileRule } from "@/lib/scanner/local/types";
import type { InventoryEntry } from "@/lib/domain/diff";

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const folder = option("path") ?? "/usr/bin";
const runs = Number(option("runs") ?? 7);
const rule: FileRule = {
  entityId: "bench",
  path: folder,
  pathType: "DIRECTORY",
  recursion: true,
  links: "FOLLOW",
  useSudo: false,
  uploadContent: false,
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Kind = "first" | "rescan" | "allChanged";
let prevByKey = new Map<string, InventoryEntry>();
let changedByKey = new Map<string, InventoryEntry>();

/** first: a full hash with no previous inventory; rescan: nothing changed; allChanged: every file's content differs. */
async function timed(attribute: boolean, kind: Kind) {
  const started = performance.now();
  const previous = kind === "first" ? undefined : kind === "rescan" ? prevByKey : changedByKey;
  const result = await scanLocalFiles([rule], {
    previous,
    forceRehash: kind === "first",
    packages: attribute ? () => loadDpkgIndex() : undefined,
  });
  return { ms: performance.now() - started, result };
}

const coldStart = performance.now();
loadDpkgIndex();
const coldMs = performance.now() - coldStart;
const baseline = (await timed(false, "first")).result;
prevByKey = new Map(baseline.entries.map((e) => [e.itemKey, e]));
// Every file as an earlier content would have left it: another hash and modification time, so the scan reads each
// one again as it would after an upgrade (and takes dpkg's MD5 in the same read).
changedByKey = new Map(
  baseline.entries.map((e) => [
    e.itemKey,
    { ...e, sha256: "0".repeat(64), dateModified: e.dateModified && new Date(e.dateModified.getTime() - 86_400_000) },
  ]),
);
const KINDS: Kind[] = ["first", "rescan", "allChanged"];
const times = Object.fromEntries(KINDS.map((k) => [k, [[], []] as number[][]])) as Record<Kind, number[][]>;
for (let i = 0; i < runs; i++) {
  for (const attribute of i % 2 ? [true, false] : [false, true]) {
    for (const kind of KINDS) times[kind][attribute ? 1 : 0].push((await timed(attribute, kind)).ms);
  }
}
const dbStart = performance.now();
const index = loadDpkgIndex();
const dbMs = performance.now() - dbStart;
console.log(`bench:attribution dpkg_first_read_ms=${coldMs.toFixed(0)}`);
for (const kind of KINDS) {
  const [off, on] = times[kind].map(median);
  console.log(
    `bench:attribution ${kind} ${folder} files=${baseline.entries.length} without_ms=${off.toFixed(0)} with_ms=${on.toFixed(0)} added=${(((on - off) / off) * 100).toFixed(1)}%`,
  );
}
console.log(`bench:attribution dpkg_read_ms=${dbMs.toFixed(0)} (unchanged database: cached) owned_paths=${index?.owner.size ?? 0}`);
