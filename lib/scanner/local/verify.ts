// Bounded trust: a rescan carries over the hash of a file whose metadata is unchanged, which an attacker who
// restores mtime and ctime (or the clock) can exploit. So every scan also reads a rolling share of the unchanged
// files again, the longest-unverified first, sized so that every file is read at least once per period.
import type { InventoryEntry } from "@/lib/domain/diff";

export interface VerifyPolicy {
  /** Every file is read and hashed again at least this often (the workspace's verification period). */
  periodMs: number;
  /** Time between two scans of this machine: the share read per scan is intervalMs / periodMs of the files. */
  intervalMs: number;
  /** Now (epoch ms); defaults to the scan's start. */
  now?: number;
}

/**
 * The paths of `previous` to read again in this scan: the oldest-verified share, and every file that would pass
 * the period before the next scan (never verified counts as oldest).
 */
export function dueForVerification(previous: ReadonlyMap<string, InventoryEntry>, policy: VerifyPolicy, now = Date.now()): Set<string> {
  const hashed: { path: string; at: number }[] = [];
  for (const e of previous.values()) if (e.sha256 != null) hashed.push({ path: e.itemKey, at: e.verifiedAt?.getTime() ?? 0 });
  const share = policy.periodMs > 0 ? Math.min(1, Math.max(0, policy.intervalMs) / policy.periodMs) : 1;
  const quota = Math.ceil(hashed.length * share);
  hashed.sort((a, b) => a.at - b.at);
  const due = new Set<string>();
  // Verified before this instant, a file would be older than the period at the next scan.
  const overdueBefore = now + policy.intervalMs - policy.periodMs;
  for (let i = 0; i < hashed.length; i++) {
    if (i >= quota && hashed[i].at >= overdueBefore) break;
    due.add(hashed[i].path);
  }
  return due;
}
