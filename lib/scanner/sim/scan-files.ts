// Files scan of the simulated file system, with the rules of tracked file entities: an exact file, a wildcard in
// the last segment (case-insensitive on Windows, where `*.*` also matches names without a dot), a folder with or
// without recursion, Windows %VARIABLES% expanded per machine (an undefined variable or an invalid expansion is an
// error on the machine, not a crash), Linux links per the Links setting, and the 500-files-a-machine limit.
// Each entity's matches are memoised with the directory lookups they came from, so a rescan only re-walks the
// folders that changed.
import type { InventoryEntry } from "@/lib/domain/diff";
import { pathAliases, type PackageFacts } from "@/lib/domain/packages";
import { expandWindowsPath, MAX_FILES_PER_MACHINE, MAX_UPLOAD_CONTENT_BYTES } from "@/lib/domain/paths";
import { matchesLastSegment, splitPattern } from "@/lib/domain/wildcard";
import type { DirRead, FileNode, FileTree } from "./fs";
import type { Profile } from "./profile";
import { entryFor, type SimEntity, type SimScanError, type SimScanResult } from "./scan-types";
import { utf8 } from "./text";

const MAX_DEPTH = 32;
const contentBytes = new WeakMap<FileNode, Uint8Array>();

interface Hit {
  itemKey: string;
  node: FileNode;
  /** Target of the symbolic link that was followed to reach the file. */
  via?: string;
}

interface Matched {
  hits: Hit[];
  errors: SimScanError[];
}

/** Finds the files of one entity (at most `max`), without regard to other entities. */
class EntityWalk {
  readonly hits: Hit[] = [];
  private readonly links: "IGNORE" | "FOLLOW" | "MANAGE";

  constructor(
    private readonly fs: FileTree,
    private readonly max: number,
    links: SimEntity["links"],
  ) {
    this.links = fs.windows ? "FOLLOW" : (links ?? "FOLLOW");
  }

  run(entity: SimEntity, p: Profile): Matched {
    const fs = this.fs;
    let path = entity.path;
    if (fs.windows && path.includes("%")) {
      const expanded = expandWindowsPath(path, p.env);
      if (!expanded.ok) return { hits: [], errors: [{ entityId: entity.id, path: entity.path, message: expanded.error }] };
      path = expanded.path;
    }
    const normalized = fs.normalize(path);
    const { dir, pattern } = splitPattern(normalized);
    if (pattern !== null) {
      const d = fs.resolve(dir, true);
      if (d && d.node.type === "dir") this.walk(d.real, fs.windows ? d.real : dir, pattern, entity.recursion, 0, new Set([d.real]));
      return { hits: this.hits, errors: [] };
    }
    const r = fs.resolve(normalized, this.links === "FOLLOW");
    // Absent: no entry and no error (C:\autoexec.bat does not exist on modern Windows).
    if (!r || (this.links === "IGNORE" && r.node.type === "link")) return { hits: [], errors: [] };
    const shown = fs.windows ? r.real : normalized;
    if (r.node.type !== "dir") {
      this.add(shown, r.node, r.via);
      return { hits: this.hits, errors: [] };
    }
    if (entity.pathType === "DIRECTORY" || entity.pathType === "FOLDER") {
      // A folder rule's folders are items too (the local scanner records them the same way).
      if (this.add(shown, r.node)) this.walk(r.real, shown, null, entity.recursion, 0, new Set([r.real]), true);
      return { hits: this.hits, errors: [] };
    }
    const [noun, type] = fs.windows ? ["folder", "Folder"] : ["directory", "Directory"];
    return {
      hits: [],
      errors: [
        {
          entityId: entity.id,
          path: entity.path,
          message: `"${shown}" is a ${noun}, not a file: set Path type to ${type} to track the files in it.`,
        },
      ],
    };
  }

  private add(itemKey: string, node: FileNode, via?: string): boolean {
    this.hits.push({ itemKey, node, via });
    return this.hits.length < this.max;
  }

  /** Walks a folder; returns false once enough files were found. */
  private walk(
    real: string,
    shown: string,
    pattern: string | null,
    recursive: boolean,
    depth: number,
    visited: Set<string>,
    folders = false,
  ): boolean {
    const fs = this.fs;
    for (const node of fs.list(real)) {
      const matches = pattern === null || matchesLastSegment(pattern, node.name, { windows: fs.windows });
      if (node.type === "file") {
        if (matches && !this.add(fs.join(shown, node.name), node)) return false;
      } else if (node.type === "dir") {
        if (folders && !this.add(fs.join(shown, node.name), node)) return false;
        if (
          recursive &&
          depth < MAX_DEPTH &&
          !this.walk(fs.join(real, node.name), fs.join(shown, node.name), pattern, true, depth + 1, visited, folders)
        )
          return false;
      } else if (this.links === "MANAGE") {
        if (matches && !this.add(fs.join(shown, node.name), node)) return false;
      } else if (this.links === "FOLLOW") {
        const target = fs.resolve(fs.join(real, node.name), true);
        if (!target) continue; // dangling link: nothing to track
        if (target.node.type !== "dir") {
          if (matches && !this.add(fs.join(shown, node.name), target.node, node.target)) return false;
        } else if (recursive && depth < MAX_DEPTH && !visited.has(target.real)) {
          visited.add(target.real);
          if (!this.walk(target.real, fs.join(shown, node.name), pattern, true, depth + 1, visited)) return false;
        }
      }
    }
    return true;
  }
}

interface Memo {
  reads: readonly DirRead[];
  matched: Matched;
  /** The hits as inventory entries of this entity (built once per memo). */
  entries: InventoryEntry[];
}

const memos = new WeakMap<FileTree, Map<string, Memo>>();
const memoKey = (e: SimEntity) =>
  `${e.id}\u0000${e.kind}\u0000${e.path}\u0000${e.pathType}\u0000${e.recursion}\u0000${e.links}\u0000${e.uploadContent}`;

/** Uploads text files of at most 5 MB; binaries have no content in the simulation. */
const uploadable = (node: FileNode) => node.text !== undefined && node.size <= BigInt(MAX_UPLOAD_CONTENT_BYTES);

const FILE_TYPE = { file: "file", dir: "directory", link: "symlink" } as const;

/**
 * Package facts as a Linux agent reports them (lib/scanner/local/packages.ts), and for Windows the cumulative update
 * that installed an OS binary: a node its package or update installed is as shipped, unless an event since drifted it.
 */
function packageFacts(fs: FileTree, h: Hit): Partial<PackageFacts> {
  // Folders and links are not attributed (as on a real host: a package database lists their contents' checksums).
  if (h.node.type !== "file") return {};
  const pkg = h.node.pkg;
  if (pkg === undefined || pkg.startsWith("tool:")) return { packageName: null };
  const shipped = !pathAliases(h.itemKey).some((path) => fs.drift.has(path));
  return {
    packageName: fs.windows ? "Windows cumulative update" : pkg,
    packageVersion: h.node.pkgVersion ?? null,
    packageShipped: shipped,
    packagePreviousVersion: null,
    packageUpdatedAt: shipped ? new Date(h.node.created) : null,
  };
}

function toEntry(fs: FileTree, h: Hit, entityId: string, upload: boolean): InventoryEntry {
  const attributes = h.via !== undefined ? `file (via symlink -> ${h.via})` : h.node.attributes;
  const contentSha256 = upload && uploadable(h.node) ? h.node.sha256 : null;
  const folder = h.node.type === "dir";
  return entryFor(
    h.node,
    h.itemKey,
    entityId,
    (e) => e.attributes === attributes && e.contentSha256 === contentSha256,
    () => ({
      changeType: "Files",
      itemKey: h.itemKey,
      entityId,
      size: folder ? null : h.node.size,
      sha256: h.node.sha256,
      acls: h.node.acls,
      attributes,
      inode: h.node.inode,
      // A folder's times move with every entry added to it: not recorded (as by the local scanner).
      dateCreated: folder ? null : new Date(h.node.created),
      dateModified: folder ? null : new Date(h.node.modified),
      contentSha256,
      fileType: FILE_TYPE[h.node.type],
      linkTarget: h.via ?? h.node.target ?? null,
      capabilities: h.node.capabilities ?? null,
      ...packageFacts(fs, h),
    }),
  );
}

export function scanFiles(fs: FileTree, p: Profile, entities: readonly SimEntity[], limit = MAX_FILES_PER_MACHINE): SimScanResult {
  const previous = memos.get(fs);
  const current = new Map<string, Memo>();
  memos.set(fs, current);

  const errors: SimScanError[] = [];
  const entries: InventoryEntry[] = [];
  const nodes: FileNode[] = [];
  const index = new Map<string, number>();
  let upgraded: (readonly [number, Hit])[] | null = null;
  outer: for (const entity of entities) {
    const key = memoKey(entity);
    const content = entity.uploadContent || entity.kind === "FILE_CONTENT";
    let memo = previous?.get(key);
    if (!memo || !fs.isCurrent(memo.reads)) {
      const walked = fs.track(() => new EntityWalk(fs, limit + 1, entity.links).run(entity, p));
      memo = { reads: walked.reads, matched: walked.value, entries: walked.value.hits.map((h) => toEntry(fs, h, entity.id, content)) };
    }
    current.set(key, memo);
    errors.push(...memo.matched.errors);
    const hits = memo.matched.hits;
    for (let i = 0; i < hits.length; i++) {
      const k = fs.key(hits[i].itemKey);
      const known = index.get(k);
      if (known !== undefined) {
        // An item matched by two entities belongs to the first; its content is uploaded if either asks.
        if (content && entries[known].contentSha256 === null && uploadable(nodes[known])) (upgraded ??= []).push([known, hits[i]]);
        continue;
      }
      if (entries.length >= limit) {
        errors.push({
          entityId: entity.id,
          path: entity.path,
          message: `The limit of ${limit} files a machine was reached: files from this entry on are not tracked. Track fewer or narrower paths.`,
        });
        break outer;
      }
      index.set(k, entries.length);
      entries.push(memo.entries[i]);
      nodes.push(hits[i].node);
    }
  }
  for (const [i, hit] of upgraded ?? []) entries[i] = toEntry(fs, { ...hit, itemKey: entries[i].itemKey }, entries[i].entityId!, true);

  const contents = new Map<string, Uint8Array>();
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].contentSha256 === null) continue;
    let bytes = contentBytes.get(nodes[i]);
    if (!bytes) contentBytes.set(nodes[i], (bytes = utf8(nodes[i].text!)));
    contents.set(nodes[i].sha256!, bytes);
  }
  return { entries, errors, contents };
}
