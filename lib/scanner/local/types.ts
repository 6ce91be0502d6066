// Public types of the local agent's file scanner (see scan-files.ts).
import type { InventoryEntry } from "@/lib/domain/diff";
import type { LinksMode, PathType } from "@/lib/domain/types";
import type { VerifyPolicy } from "./verify";

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
  stats: ScanStats;
}
