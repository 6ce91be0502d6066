// Expands one file rule into the files it covers: the main thread walks with readdirSync (file types from the
// directory entries; lstat only for links, special and untyped entries) while hashing threads read contents.
// Synchronous calls on purpose: a scan makes a call per file, and the per-call overhead of async I/O would
// dominate (issue 3).
import { lstatSync, readdirSync, readlinkSync, statSync, type BigIntStats, type Dirent } from "node:fs";
import { matchesLastSegment, splitPattern } from "@/lib/domain/wildcard";
import { describeError, errorCode, isDirectory, isSymlink } from "./format";
import type { FileRule } from "./types";

export interface WalkSink {
  /**
   * A non-directory covered by a rule (arguments, not an object: called once a file). `st` is the link's own
   * lstat, or the target's stat when followed; null for a regular file known from its directory entry alone (its
   * hashing thread fstats it, so no lstat here). `linkTarget` is set for a link; `linkSt` is a followed link's
   * own lstat. Folders of Directory rules are found too (the rule's folder and those it covers).
   */
  found(
    rule: FileRule,
    path: string,
    st: BigIntStats | null,
    linkTarget: string | null,
    followed: boolean,
    linkSt?: BigIntStats | null,
  ): void;
  error(rule: FileRule, path: string | undefined, message: string): void;
  /** A folder about to be listed: false skips it (the sink reports why). */
  enter(rule: FileRule, dir: string): boolean;
  /** True once the item limit is reached: walking stops. */
  full(): boolean;
  /** Called every few thousand entries: lets hashing results in, and may hold the walk (back-pressure). */
  pause(): Promise<void>;
}

interface Pending {
  dir: string;
  /** Last-segment wildcard that names must match, or null for "every entry". */
  pattern: string | null;
  recurse: boolean;
}

/** Walking yields to the event loop this often (entries seen) so hashing results are taken in meanwhile. */
const YIELD_EVERY = 2048;

const join = (dir: string, name: string) => (dir === "/" ? `/${name}` : `${dir}/${name}`);
const dirKey = (st: BigIntStats) => `${st.dev}:${st.ino}`;

function normalize(path: string): string {
  const trimmed = path.replace(/\/{2,}/g, "/");
  return trimmed.length > 1 ? trimmed.replace(/\/$/, "") : trimmed;
}

export class RuleWalker {
  private work = 0;
  private readonly visited = new Set<string>();
  private readonly follow: boolean;
  private readonly dirRule: boolean;

  constructor(
    private readonly rule: FileRule,
    private readonly sink: WalkSink,
  ) {
    this.follow = rule.links === "FOLLOW";
    this.dirRule = rule.pathType === "DIRECTORY" || rule.pathType === "FOLDER";
  }

  private fail(path: string | undefined, err: unknown, fallback: string): void {
    const code = errorCode(err);
    const message = code === "ENOENT" ? fallback : describeError(code, err instanceof Error ? err.message : fallback);
    this.sink.error(this.rule, path, message);
  }

  /** lstat/stat that reports instead of throwing; undefined when the path cannot be examined. */
  private examine(path: string, followLink: boolean, missing: string): BigIntStats | undefined {
    try {
      return followLink ? statSync(path, { bigint: true }) : lstatSync(path, { bigint: true });
    } catch (err) {
      if (followLink && errorCode(err) === "ELOOP")
        this.sink.error(this.rule, path, "Symbolic link loop: the link never resolves to a file or folder");
      else this.fail(path, err, missing);
      return undefined;
    }
  }

  private readLink(path: string): string | null {
    try {
      return readlinkSync(path);
    } catch (err) {
      this.fail(path, err, "The file vanished during the scan");
      return null;
    }
  }

  /**
   * The rule's own path is always resolved when it is a symbolic link (like `find -H`: /bin is a link to /usr/bin
   * on merged-/usr systems and a user naming it means the binaries), except under Manage, which records the link.
   */
  async run(): Promise<void> {
    const path = normalize(this.rule.path);
    if (!path.startsWith("/")) {
      this.sink.error(this.rule, this.rule.path, "The path must be absolute (start with /)");
      return;
    }
    const { dir, pattern } = splitPattern(path);
    if (pattern !== null) {
      const st = this.examine(dir, true, "Path not found: the folder does not exist on this machine");
      if (st === undefined) return;
      if (!isDirectory(Number(st.mode))) {
        this.sink.error(this.rule, dir, "The folder of the wildcard is not a folder");
        return;
      }
      this.visited.add(dirKey(st));
      return this.walk({ dir, pattern, recurse: this.rule.recursion });
    }
    const lst = this.examine(path, false, "Path not found: nothing exists at this path on this machine");
    if (lst === undefined) return;
    let st = lst;
    let linkTarget: string | null = null;
    if (isSymlink(Number(lst.mode))) {
      linkTarget = this.readLink(path);
      if (linkTarget === null) return;
      if (this.rule.links === "MANAGE") {
        this.sink.found(this.rule, path, lst, linkTarget, false);
        return;
      }
      const target = this.examine(path, true, `Broken symbolic link: its target ${linkTarget} does not exist`);
      if (target === undefined) return;
      st = target;
    }
    if (isDirectory(Number(st.mode))) {
      if (this.rule.pathType === "FILE") {
        this.sink.error(this.rule, path, "This path is a folder: set Path Type to Directory to track its files");
        return;
      }
      this.visited.add(dirKey(st));
      this.sink.found(this.rule, path, st, linkTarget, st !== lst, st !== lst ? lst : null);
      return this.walk({ dir: path, pattern: null, recurse: this.rule.recursion });
    }
    if (this.dirRule) {
      this.sink.error(this.rule, path, "This path is not a folder: set Path Type to File to track it");
      return;
    }
    this.sink.found(this.rule, path, st, linkTarget, st !== lst, st !== lst ? lst : null);
  }

  private async walk(root: Pending): Promise<void> {
    const stack: Pending[] = [root];
    while (stack.length > 0 && !this.sink.full()) {
      const item = stack.pop()!;
      if (!this.sink.enter(this.rule, item.dir)) continue;
      let dirents: Dirent[];
      try {
        dirents = readdirSync(item.dir, { withFileTypes: true });
      } catch (err) {
        this.fail(item.dir, err, "The folder vanished during the scan");
        continue;
      }
      for (const d of dirents) {
        if (this.sink.full()) return;
        this.entry(item, d, stack);
      }
      this.work += dirents.length + 1;
      if (this.work >= YIELD_EVERY) {
        this.work = 0;
        await this.sink.pause();
      }
    }
  }

  private entry(item: Pending, d: Dirent, stack: Pending[]): void {
    const path = join(item.dir, d.name);
    const matches = item.pattern === null || matchesLastSegment(item.pattern, d.name);
    if (d.isDirectory()) {
      this.child(item, path, matches, stack, null);
      return;
    }
    if (d.isFile()) {
      if (matches) this.sink.found(this.rule, path, null, null, false);
      return;
    }
    // Some filesystems report no type in directory entries (DT_UNKNOWN): lstat tells.
    const unknownType = !d.isSymbolicLink() && !d.isFIFO() && !d.isSocket() && !d.isCharacterDevice() && !d.isBlockDevice();
    // A non-matching plain entry is skipped without a system call; links and unknown types may be folders.
    if (!matches && !unknownType && !d.isSymbolicLink()) return;
    // A link that is not followed is recorded as itself (its target and owner) when it matches, else skipped.
    if (d.isSymbolicLink() && !this.follow && !matches) return;
    const lst = this.examine(path, false, "The file vanished during the scan");
    if (lst === undefined) return;
    const mode = Number(lst.mode);
    if (isDirectory(mode)) {
      this.child(item, path, matches, stack, null);
      return;
    }
    if (!isSymlink(mode)) {
      if (matches) this.sink.found(this.rule, path, lst, null, false);
      return;
    }
    if (!this.follow) {
      const linkTarget = matches ? this.readLink(path) : null;
      if (linkTarget !== null) this.sink.found(this.rule, path, lst, linkTarget, false);
      return;
    }
    const linkTarget = this.readLink(path);
    if (linkTarget === null) return;
    const st = this.examine(path, true, `Broken symbolic link: its target ${linkTarget} does not exist`);
    if (st === undefined) {
      // Still a link: recorded as itself, so retargeting it at nothing (or back) is a change of the link.
      if (matches) this.sink.found(this.rule, path, lst, linkTarget, false);
      return;
    }
    if (isDirectory(Number(st.mode))) this.child(item, path, matches, stack, st, lst, linkTarget);
    else if (matches) this.sink.found(this.rule, path, st, linkTarget, true, lst);
  }

  /**
   * A folder inside the walk. With a wildcard, a matching folder is scanned when the rule is a Directory rule
   * (/etc/cron.* covers cron.d and cron.daily); with recursion, every folder is searched for matching names.
   * `viaLink` is the target's stat of a followed link: folders already scanned are skipped, which stops loops.
   */
  private child(
    item: Pending,
    path: string,
    matches: boolean,
    stack: Pending[],
    viaLink: BigIntStats | null,
    linkSt: BigIntStats | null = null,
    linkTarget: string | null = null,
  ): void {
    let next: Pending | null = null;
    if (item.pattern === null) next = item.recurse ? { dir: path, pattern: null, recurse: true } : null;
    else if (matches && this.dirRule) next = { dir: path, pattern: null, recurse: item.recurse };
    else if (item.recurse) next = { dir: path, pattern: item.pattern, recurse: true };
    // A folder a Directory rule covers is an item itself (its mode, owner, ACL and attributes), scanned into or not.
    const recorded = matches && this.dirRule;
    if (next === null && !recorded) return;
    const st = viaLink ?? (this.follow || recorded ? this.examine(path, false, "The folder vanished during the scan") : null);
    if (st === undefined) return;
    if (this.follow && st !== null) {
      const key = dirKey(st);
      if (this.visited.has(key)) {
        if (viaLink === null) return;
        this.sink.error(this.rule, path, "Symbolic link skipped: it leads to a folder already scanned (a loop)");
        // Not followed again, but still recorded as itself: retargeting it is a change of the link.
        if (matches && linkSt !== null) this.sink.found(this.rule, path, linkSt, linkTarget, false);
        return;
      }
      this.visited.add(key);
    }
    if (recorded && st !== null) this.sink.found(this.rule, path, st, linkTarget, viaLink !== null, linkSt);
    if (next !== null) stack.push(next);
  }
}
