// The local agent's file scanner: real files of the host, as inventory entries for commitScan.
//
// Design (issue 3, "Speed"): the main thread walks with synchronous readdir (lstat only for links, special files
// and files a previous inventory knows) and sends batches of paths to a few hashing threads, which open, fstat and
// read each file synchronously into a reused buffer. A rescan reuses the previous hash of a file whose inode,
// size, mtime and ctime are unchanged (forceRehash turns that off): content cannot change without changing mtime
// or ctime, short of someone resetting the clock, which is what forceRehash is for.
// Nothing here throws for a file-level problem: each one becomes an entry in `errors`, named by entity and path.
import { lstatSync, readFileSync, realpathSync, type BigIntStats } from "node:fs";
import { availableParallelism } from "node:os";
import type { InventoryEntry } from "@/lib/domain/diff";
import { MAX_UPLOAD_CONTENT_BYTES } from "@/lib/domain/paths";
import { carriedOver, metaOf, toEntry, unchangedSince, type Origin } from "./entries";
import { describeError, errorCode, fileTypeName, isDirectory, isRegular, isSymlink, readsAnyFile } from "./format";
import { HashPool, type HashJob, type HashOutcome } from "./hash-pool";
import { attachPackages, removedPackages } from "./packages";
import type { FileRule, LocalScanResult, ScanError, ScanOptions } from "./types";
import { dueForVerification } from "./verify";
import { RuleWalker, type WalkSink } from "./walk";
import { decodeExtended, NO_EXTENDED, noXattrSupport, readExtendedAttrs, type ExtendedAttrs } from "./xattrs";

export type { FileRule, IoBudget, LocalScanResult, ScanError, ScanOptions, ScanStats } from "./types";

/** A file for a hashing thread; it carries what its entry needs, so the walk's objects can die young. */
interface Job extends HashJob, Origin {
  slot: number;
  rule: FileRule;
}

/** Scans the rules' files; resolves with every entry and every problem, never rejects for a file-level error. */
export async function scanLocalFiles(rules: FileRule[], opts: ScanOptions = {}): Promise<LocalScanResult> {
  const started = performance.now();
  const startedAt = new Date();
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_CONTENT_BYTES;
  const maxItems = opts.maxItems ?? Number.POSITIVE_INFINITY;
  // One slot per item in walk order, filled when its hash arrives; a file that vanished leaves its slot empty.
  const slots: (InventoryEntry | null)[] = [];
  const errors: ScanError[] = [];
  const contents = new Map<string, Uint8Array>();
  /** MD5s taken with the hash of changed files, for package attribution (by path). */
  const md5s = new Map<string, string>();
  const unreadEntityIds: string[] = [];
  // Several rules may cover one file (the first rule owns it); a single rule never yields a path twice.
  const seen = rules.length > 1 ? new Set<string>() : null;
  const stats = { files: 0, bytesHashed: 0, rehashed: 0, skipped: 0, verified: 0, ms: 0 };
  const verifyNow = opts.verify?.now ?? Date.now();
  const dueNow = opts.verify && opts.previous ? dueForVerification(opts.previous, opts.verify, verifyNow) : null;
  let limitHit = false;

  const report = (rule: FileRule | undefined, path: string | undefined, message: string) =>
    errors.push({ ...(rule && { entityId: rule.entityId }), ...(path !== undefined && { path }), message });
  const verifiedAt = new Date(opts.verify?.now ?? started + performance.timeOrigin);

  /** Extended attributes of what the entry describes (a followed link's target); a failure is reported, not fatal. */
  const extendedOf = (rule: FileRule, path: string, followed: boolean): ExtendedAttrs => {
    try {
      return readExtendedAttrs(followed ? realpathSync(path) : path);
    } catch (err) {
      if (noXattrSupport(err)) return NO_EXTENDED;
      report(rule, path, `Extended attributes could not be read: ${err instanceof Error ? err.message : String(err)}`);
      return NO_EXTENDED;
    }
  };

  const hashed = (job: Job, o: HashOutcome) => {
    if (o.sha === null) {
      report(job.rule, job.path, describeError(o.code ?? undefined, o.message ?? "Unknown error"));
      // Unreadable but still there (permission denied, swapped for a FIFO): inventoried without a hash.
      if (o.hasMeta && o.code !== "ENOENT") slots[job.slot] = toEntry(job.path, job, o, null, extendedFrom(job, o));
      // Longer than PATH_MAX: no system call takes the path, but the walk saw the name, so a new one is still Added.
      else if (o.code === "ENAMETOOLONG")
        slots[job.slot] = { changeType: "Files", itemKey: job.path, entityId: job.entityId, attributes: "file" };
      return;
    }
    stats.bytesHashed += o.bytes;
    stats.rehashed++;
    const entry = toEntry(job.path, job, o, o.sha, extendedFrom(job, o));
    entry.verifiedAt = verifiedAt;
    if (o.md5 !== null) md5s.set(job.path, o.md5);
    if (o.content !== null) {
      contents.set(o.sha, o.content);
      entry.contentSha256 = o.sha;
    }
    slots[job.slot] = entry;
  };

  const pool = new HashPool<Job>({
    workers: Math.max(1, opts.workers ?? Math.min(2, availableParallelism())),
    maxUpload,
    budget: opts.ioBudget,
    beforeHash: opts.beforeHash,
    onResult: hashed,
  });

  /** A rescan's check of a file it has seen before: carried over when unchanged, else null (read it). */
  const carried = (origin: Origin, rule: FileRule, uploadable: boolean, st: BigIntStats, prev: InventoryEntry): InventoryEntry | null => {
    if (!isRegular(Number(st.mode))) return null;
    const upload = uploadable && st.size <= BigInt(maxUpload);
    // The content of an unchanged file was uploaded by the scan that hashed it.
    if (!unchangedSince(prev, origin, metaOf(st)) || (upload && prev.contentSha256 == null)) return null;
    if (rule.verifyEveryScan === true || dueNow?.has(prev.itemKey) === true) {
      stats.verified++;
      return null;
    }
    return carriedOver(prev, upload ? (prev.contentSha256 ?? null) : null);
  };

  const guard = opts.guard;
  // A rule whose content may not be uploaded says so once, with its first file.
  const uploadRefused = new Set<FileRule>();
  // A followed link to a refused folder is refused as an item and again when the walk would enter it: said once.
  const refusedPaths = new Set<string>();
  const refuse = (rule: FileRule, path: string, reason: string) => {
    const key = `${rule.entityId}\u0000${path}`;
    if (refusedPaths.has(key)) return;
    refusedPaths.add(key);
    report(rule, path, reason);
  };
  /**
   * Whether the guard lets this item be read (else it is reported, not recorded), and its content be uploaded. A
   * folder (folders are items) is judged on its own real path, as the walk judges it before listing it.
   */
  const admitted = (rule: FileRule, path: string, followed: boolean, st: BigIntStats | null): { upload: boolean } | null => {
    if (!guard) return { upload: rule.uploadContent };
    if (st !== null && isDirectory(Number(st.mode))) {
      const refused = guard.folder(rule, path);
      if (refused !== null) refuse(rule, path, refused);
      return refused === null ? { upload: false } : null;
    }
    const access = guard.file(rule, path, followed);
    if (access.refused !== null) {
      refuse(rule, path, access.refused);
      return null;
    }
    const upload = rule.uploadContent && access.upload;
    if (rule.uploadContent && !upload && !uploadRefused.has(rule)) {
      uploadRefused.add(rule);
      report(rule, path, guard.rule(rule).reason ?? "File content is not uploaded: outside the allowed folders");
    }
    return { upload };
  };

  /** What the hashing thread read of a file's extended attributes, or a read here when it left them. */
  const extendedFrom = (job: Job, o: HashOutcome): ExtendedAttrs => {
    if (o.xattrError !== null) report(job.rule, job.path, `Extended attributes could not be read: ${o.xattrError}`);
    return o.xattrs !== null ? decodeExtended(o.xattrs) : extendedOf(job.rule, job.path, job.followed);
  };

  const found: WalkSink["found"] = (rule, path, st, linkTarget, followed, linkSt) => {
    if (seen?.has(path)) return; // covered by an earlier rule: the first rule owns the item
    const access = admitted(rule, path, followed, st);
    if (access === null) return;
    if (slots.length >= maxItems) {
      limitHit = true;
      report(rule, undefined, `Limit reached: ${maxItems} files are tracked on this machine; the rest were not scanned`);
      return;
    }
    seen?.add(path);
    const slot = slots.length;
    slots.push(null);
    const linkOwner = linkSt ? `uid=${linkSt.uid} gid=${linkSt.gid}` : null;
    const origin: Origin = { entityId: rule.entityId, linkTarget, followed, linkOwner };
    if (st !== null && !isRegular(Number(st.mode))) {
      const mode = Number(st.mode);
      slots[slot] = toEntry(path, origin, metaOf(st), null, extendedOf(rule, path, followed));
      // A link not followed is the link itself, with no content; a folder has none. FIFOs, sockets and devices are
      // never opened: reading a FIFO blocks until a writer comes, a device may never end.
      if (!isSymlink(mode) && !isDirectory(mode))
        report(rule, path, `Special file (${fileTypeName(mode)}): recorded without a hash; it is never opened`);
      return;
    }
    const prev = opts.forceRehash === true ? undefined : opts.previous?.get(path);
    let md5 = false;
    if (prev !== undefined) {
      let known = st;
      try {
        known ??= lstatSync(path, { bigint: true });
      } catch (err) {
        report(rule, path, describeError(errorCode(err), err instanceof Error ? err.message : String(err)));
        // Still there, known by name only: kept as it was, or each rescan would read as Removed then Added.
        if (errorCode(err) === "ENAMETOOLONG") slots[slot] = prev;
        return;
      }
      const entry = carried(origin, rule, access.upload, known, prev);
      if (entry !== null) {
        slots[slot] = entry;
        stats.skipped++;
        return;
      }
      // A known file whose metadata moved is a change package attribution will judge by dpkg's MD5: taken in the same
      // read as the SHA-256, not by reading the file again (a verification pass, metadata unchanged, takes none).
      md5 = opts.packages !== undefined && !unchangedSince(prev, origin, metaOf(known));
    }
    // New or changed: its hashing thread opens, fstats and reads it (and reports it if it is no longer a file).
    pool.add({ path, follow: followed, upload: access.upload, md5, slot, rule, entityId: rule.entityId, linkTarget, followed, linkOwner });
  };

  const enter: WalkSink["enter"] = (rule, dir) => {
    const refused = guard?.folder(rule, dir) ?? null;
    if (refused !== null) refuse(rule, dir, refused);
    return refused === null;
  };
  const sink: WalkSink = { found, error: report, enter, full: () => limitHit, pause: () => pool.room() };

  try {
    const uid = process.geteuid?.();
    const canReadAll = uid === undefined || uid === 0 || readsAnyFileNow();
    for (const rule of rules) {
      if (rule.useSudo && !canReadAll) {
        report(
          rule,
          rule.path,
          "Use Sudo is on but the agent runs neither as root nor with CAP_DAC_READ_SEARCH: files only root can read are reported as permission denied",
        );
      }
      if (limitHit) break;
      const access = guard?.rule(rule);
      if (access && !access.read) {
        report(rule, rule.path, access.reason ?? "Not scanned on this host");
        unreadEntityIds.push(rule.entityId);
        continue;
      }
      try {
        await new RuleWalker(rule, sink).run();
      } catch (err) {
        // A bug or an unexpected system state must not cost the other rules their scan.
        report(rule, rule.path, `The scan of this path failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await pool.drain();
  } finally {
    await pool.close();
  }

  const entries = slots.filter((e): e is InventoryEntry => e !== null);
  if (opts.packages) attachPackages(entries, opts.packages, opts.previous, md5s);
  const removed = opts.packages ? removedPackages(entries, opts.packages, opts.previous, startedAt) : [];
  stats.files = entries.length;
  stats.ms = Math.round(performance.now() - started);
  return { entries, errors, contents, unreadEntityIds, removed, stats };
}

/** A non-root agent given CAP_DAC_READ_SEARCH (README, Security) reads root-only files as Use Sudo asks. */
function readsAnyFileNow(): boolean {
  try {
    return readsAnyFile(readFileSync("/proc/self/status", "utf8"));
  } catch {
    return false;
  }
}
