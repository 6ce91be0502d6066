// The simulated file system of one machine: directories of immutable nodes (an event replaces a node, never
// mutates it), with symbolic links on Linux and case-insensitive names on Windows.
import { byteLength } from "./text";
import { sha256Hex } from "./prng";

export type NodeType = "file" | "dir" | "link";

export interface FileNode {
  readonly name: string;
  readonly type: NodeType;
  readonly size: bigint;
  readonly sha256: string | null;
  /** The Acls column: "-rwxr-xr-x uid=0 gid=0" on Linux, an icacls-style list on Windows. */
  readonly acls: string;
  readonly attributes: string;
  readonly inode: bigint | null;
  /** DateCreated: the inode change time on Linux (as the local agent reports it), creation time on Windows. */
  readonly created: number;
  readonly modified: number;
  /** Text content (config files, scripts): uploadable, and the source of size and sha256. */
  readonly text?: string;
  /** Template and slot choices the text was rendered from, so an edit can switch a slot. */
  readonly tpl?: string;
  readonly choices?: readonly number[];
  /** Symbolic link target, as stored in the link. */
  readonly target?: string;
  /** Owning package (Linux) or component (Windows): upgrades and patches rewrite by it. */
  readonly pkg?: string;
  /** File capabilities (Linux), as getcap prints them. */
  readonly capabilities?: string;
  /** The package version (Linux) or the cumulative update's KB (Windows) that installed this node. */
  readonly pkgVersion?: string;
}

interface Dir {
  path: string;
  entries: Map<string, FileNode>;
  sorted: FileNode[] | null;
  /** Bumped whenever an entry of this directory changes. */
  v: number;
}

/** A directory lookup made while tracking: the result stays valid while the lookup would give the same answer. */
export interface DirRead {
  key: string;
  dir: Dir | undefined;
  v: number;
}

let dirVersions = 0;
const newDir = (path: string): Dir => ({ path, entries: new Map(), sorted: null, v: ++dirVersions });

export interface Resolved {
  node: FileNode;
  /** Real path of the node (links resolved, real letter case). */
  real: string;
  /** Set when the final component was a symbolic link that was followed. */
  via?: string;
}

const MAX_LINK_HOPS = 16;

export class FileTree {
  readonly sep: "/" | "\\";
  private dirs: Map<string, Dir>;
  /** Counters events keep per machine (package versions, kernel ABI, patch level, next inode ...). */
  readonly meta: Map<string, number>;
  /** Paths an event left out of their package's state (removed, chmod-ed): the next upgrade restores them. */
  readonly drift: Set<string>;

  constructor(
    readonly windows: boolean,
    dirs?: Map<string, Dir>,
    meta?: Map<string, number>,
    drift?: Set<string>,
  ) {
    this.sep = windows ? "\\" : "/";
    this.meta = meta ?? new Map();
    this.drift = drift ?? new Set();
    if (dirs) this.dirs = dirs;
    else {
      const root = windows ? "C:\\" : "/";
      this.dirs = new Map([[this.key(root), newDir(root)]]);
    }
  }

  clone(): FileTree {
    const dirs = new Map<string, Dir>();
    for (const [k, d] of this.dirs) dirs.set(k, { path: d.path, entries: new Map(d.entries), sorted: d.sorted, v: d.v });
    return new FileTree(this.windows, dirs, new Map(this.meta), new Set(this.drift));
  }

  private reads: DirRead[] | null = null;

  /** Runs `fn`, returning what it computed and every directory lookup it made (see isCurrent). */
  track<T>(fn: () => T): { value: T; reads: DirRead[] } {
    const outer = this.reads;
    const reads: DirRead[] = [];
    this.reads = reads;
    try {
      return { value: fn(), reads };
    } finally {
      this.reads = outer;
      outer?.push(...reads);
    }
  }

  /** Would every one of these lookups give the same answer now? Then whatever was computed from them holds. */
  isCurrent(reads: readonly DirRead[]): boolean {
    for (const r of reads) {
      const d = this.dirs.get(r.key);
      if (d !== r.dir || (d !== undefined && d.v !== r.v)) return false;
    }
    return true;
  }

  private dirAt(key: string): Dir | undefined {
    const d = this.dirs.get(key);
    this.reads?.push({ key, dir: d, v: d?.v ?? -1 });
    return d;
  }

  private touched(dir: Dir): void {
    dir.sorted = null;
    dir.v = ++dirVersions;
  }

  key(path: string): string {
    return this.windows ? path.toLowerCase() : path;
  }

  normalize(path: string): string {
    const sep = this.sep;
    // Fast path: already normal (no trailing separator, no doubled slashes).
    if (!path.endsWith(sep) && (this.windows ? path.length > 2 : !path.includes("//"))) return path;
    let p = this.windows ? path : path.replace(/\/{2,}/g, "/");
    while (p.length > 1 && p.endsWith(sep) && !(this.windows && /^[A-Za-z]:\\$/.test(p))) p = p.slice(0, -1);
    if (this.windows && /^[A-Za-z]:$/.test(p)) p += "\\";
    return p;
  }

  join(dir: string, name: string): string {
    return dir.endsWith(this.sep) ? dir + name : dir + this.sep + name;
  }

  parent(path: string): string | null {
    const i = path.lastIndexOf(this.sep);
    if (i < 0 || path.length <= i + 1) return null;
    return i === 0 ? "/" : this.windows && i === 2 ? path.slice(0, 3) : path.slice(0, i);
  }

  baseName(path: string): string {
    return path.slice(path.lastIndexOf(this.sep) + 1);
  }

  meter(name: string, by = 1): number {
    const v = (this.meta.get(name) ?? 0) + by;
    this.meta.set(name, v);
    return v;
  }

  /** A fresh inode number (Linux): replaced files get a new one, as package managers and editors rename over. */
  newInode(): bigint {
    return BigInt(this.meter("inode"));
  }

  isDir(path: string): boolean {
    return this.dirAt(this.key(this.normalize(path))) !== undefined;
  }

  /** The node at exactly this path, links not followed. */
  get(path: string): FileNode | undefined {
    const p = this.normalize(path);
    const parent = this.parent(p);
    if (parent === null) return undefined;
    return this.dirAt(this.key(parent))?.entries.get(this.key(this.baseName(p)));
  }

  /** Real-case path of a directory. */
  dirPath(path: string): string | undefined {
    return this.dirAt(this.key(this.normalize(path)))?.path;
  }

  /** Children of a directory, sorted by name (code units: deterministic, locale-free). */
  list(path: string): readonly FileNode[] {
    const dir = this.dirAt(this.key(this.normalize(path)));
    if (!dir) return [];
    if (dir.sorted === null) {
      dir.sorted = [...dir.entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return dir.sorted;
  }

  mkdirp(path: string, template: Omit<FileNode, "name" | "type">): string {
    const p = this.normalize(path);
    const existing = this.dirs.get(this.key(p));
    if (existing) return existing.path;
    const parent = this.parent(p);
    if (parent === null) return p;
    const parentPath = this.mkdirp(parent, template);
    const name = this.baseName(p);
    const dir = this.dirs.get(this.key(parentPath))!;
    dir.entries.set(this.key(name), { ...template, name, type: "dir" });
    this.touched(dir);
    const real = this.join(parentPath, name);
    this.dirs.set(this.key(real), newDir(real));
    return real;
  }

  /** Writes a node (creating parent directories like their parent); returns its real path. */
  put(path: string, node: Omit<FileNode, "name">, dirTemplate?: Omit<FileNode, "name" | "type">): string {
    const p = this.normalize(path);
    const parent = this.parent(p)!;
    const dir = this.dirs.get(this.key(parent)) ?? this.dirs.get(this.key(this.mkdirp(parent, dirTemplate ?? dirLike(node))))!;
    const parentPath = dir.path;
    const k = this.key(this.baseName(p));
    const name = dir.entries.get(k)?.name ?? this.baseName(p);
    dir.entries.set(k, { ...node, name } as FileNode);
    this.touched(dir);
    const real = this.join(parentPath, name);
    if (node.type === "dir" && !this.dirs.has(this.key(real))) this.dirs.set(this.key(real), newDir(real));
    return real;
  }

  remove(path: string): boolean {
    const p = this.normalize(path);
    const parent = this.parent(p);
    const dir = parent === null ? undefined : this.dirs.get(this.key(parent));
    if (!dir || !dir.entries.delete(this.key(this.baseName(p)))) return false;
    this.touched(dir);
    return true;
  }

  /**
   * Resolves a path the way the kernel does: links in folder components are always followed; the final
   * component is followed only when asked (Links = Follow). Returns null for a missing path or a link loop.
   */
  resolve(path: string, followFinal: boolean, hops = 0): Resolved | null {
    if (hops > MAX_LINK_HOPS) return null;
    const p = this.normalize(path);
    const parts = p.split(this.sep).filter((s) => s !== "");
    let cur = this.windows ? `${parts.shift()}\\` : "/";
    if (parts.length === 0) {
      const d = this.dirAt(this.key(cur));
      return d ? { node: { ...ROOT_NODE, name: d.path }, real: d.path } : null;
    }
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const comp = parts[i];
      if (comp === ".") continue;
      if (comp === "..") {
        cur = this.parent(cur) ?? cur;
        if (last) return this.resolve(cur, followFinal, hops);
        continue;
      }
      const dir = this.dirAt(this.key(cur));
      const node = dir?.entries.get(this.key(comp));
      if (!dir || !node) return null;
      if (node.type === "link" && (!last || followFinal)) {
        const target = node.target!.startsWith("/") ? node.target! : this.join(cur, node.target!);
        const r = this.resolve(target, true, hops + 1);
        if (!r) return null;
        if (last) return { ...r, via: node.target };
        if (r.node.type !== "dir") return null;
        cur = r.real;
        continue;
      }
      const real = this.join(dir.path, node.name);
      if (last) return { node, real };
      if (node.type !== "dir") return null;
      cur = real;
    }
    return null;
  }
}

/** A directory's attributes modelled on a file's (for parents created implicitly). */
const dirLike = (node: Omit<FileNode, "name">): Omit<FileNode, "name" | "type"> => ({
  size: 0n,
  sha256: null,
  // A Linux folder is searchable by whoever may read its files: "-rw-r--r-- uid=0 gid=0" → "drwxr-xr-x uid=0 gid=0".
  acls: node.acls.startsWith("-") ? `drwxr-xr-x${node.acls.slice(10)}` : node.acls,
  attributes: "directory",
  inode: node.inode,
  created: node.created,
  modified: node.modified,
});

const ROOT_NODE: FileNode = {
  name: "/",
  type: "dir",
  size: 0n,
  sha256: null,
  acls: "",
  attributes: "directory",
  inode: null,
  created: 0,
  modified: 0,
};

/** A text file node: size and sha256 come from its content. */
export function textNode(text: string, rest: Omit<FileNode, "name" | "type" | "size" | "sha256" | "text">): Omit<FileNode, "name"> {
  return { ...rest, type: "file", text, size: BigInt(byteLength(text)), sha256: sha256Hex(text) };
}
