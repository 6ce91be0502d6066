// Public types of the local agent's file scanner (see scan-files.ts).
import type { InventoryEntry } from "@/lib/domain/diff";
import type { RemovedEntry } from "@/lib/domain/packages";
import type { LinksMode, PathType } from "@/lib/domain/types";
import type { VerifyPolicy } from "./verify";
import type { PackageIndex } from "./packages";

/** One tracked Linux file entity: a file, a last-segment wildcard (/etc/*.conf) or a directory. */
export interface FileRule {
  entityId: string;
  path: string;
  pathType: PathType | null;
  recursion: boolean;
  links: LinksMode | null;
  /** The agent reads with its own rights; when it is not root the flag cannot raise them (reported once). */
  useSudo: boolean;
  uploadContent: boolean;
  /** Read and hash every file of this rule on every scan, metadata unchanged or not. */
  verifyEveryScan?: boolean;
}

/** Keeps the scanner from starving the machine it watches. */
export interface IoBudget {
  /** Upper bound on the bytes read for hashing, in MB (10^6 bytes) per second. */
  mbPerSec?: number;
  /** Niceness (0..19) the hashing threads give themselves, so other work on the host goes first. */
  nice?: number;
}

/** What a rule's scan may read, decided before the walk (see lib/server/local-host/read-policy.ts). */
export interface RuleAccess {
  read: boolean;
  upload: boolean;
  /** Why the rule is not read, or why its content is not uploaded. */
  reason: string | null;
}

/**
 * Limits on what a scan reads, for a scanner that reads on someone else's behalf (the Vigil host's own agent reads
 * tenants' rules under its operator's allow-list). Without one, every rule reads what the agent's user can read.
 */
export interface ReadGuard {
  rule(rule: FileRule): RuleAccess;
  /** A folder about to be listed: null to enter it, else why not. */
  folder(rule: FileRule, path: string): string | null;
  /**
   * A file about to be recorded (`followed`: reached through a symbolic link): `refused` says why it is not read at
   * all; `upload` whether its content may be uploaded.
   */
  file(rule: FileRule, path: string, followed: boolean): { refused: string | null; upload: boolean };
}

export interface ScanOptions {
  /** The previous inventory by itemKey: unchanged files (inode, size, mtime, ctime) keep their hash unread. */
  previous?: ReadonlyMap<string, InventoryEntry>;
  /** Rehash every file even when its metadata is unchanged. */
  forceRehash?: boolean;
  /** Bounded trust: also rehash a rolling share of the unchanged files (see verify.ts). */
  verify?: VerifyPolicy;
  /** Hashing threads; default min(2, cores). */
  workers?: number;
  /** Stop recording after this many entries (reported as an error). Default: no limit. */
  maxItems?: number;
  /** Largest file whose content is uploaded; default MAX_UPLOAD_CONTENT_BYTES (5 MB). */
  maxUploadBytes?: number;
  ioBudget?: IoBudget;
  guard?: ReadGuard;
  /**
   * Reads the host's package database (loadDpkgIndex): files whose content changed get their package facts. Called
   * at most once per scan, and only when some file changed.
   */
  packages?: () => PackageIndex | null;
  /**
   * Test seam for races: called on the main thread with the paths of a batch just before it goes to a hashing
   * thread (a test deletes a file here to make it vanish between readdir/lstat and open).
   */
  beforeHash?: (paths: readonly string[]) => void;
}

export interface ScanError {
  entityId?: string;
  path?: string;
  message: string;
}

export interface ScanStats {
  /** Entries recorded. */
  files: number;
  bytesHashed: number;
  /** Files whose content was read and hashed in this scan. */
  rehashed: number;
  /** Files whose hash was carried over from the previous inventory (metadata unchanged). */
  skipped: number;
  /** Of `rehashed`: unchanged files read again for bounded trust (rolling share or Verify every scan). */
  verified: number;
  ms: number;
}

export interface LocalScanResult {
  entries: InventoryEntry[];
  errors: ScanError[];
  /** Uploaded content by SHA-256 (files of rules with uploadContent, at most maxUploadBytes each). */
  contents: Map<string, Uint8Array>;
  /** Entities of the rules the guard did not let be read at all. */
  unreadEntityIds: string[];
  /** Package facts of the previous inventory's paths this scan did not find (with `packages` and `previous`). */
  removed: RemovedEntry[];
  stats: ScanStats;
}
