import type { InventoryEntry } from "@/lib/domain/diff";
import type { ScanReport } from "@/lib/server/ingest/commit-scan";

/** A Linux file as an agent reports it, for tests of the scan commit: only its path and content hash vary. */
export const fileEntry = (entityId: string, path: string, sha: string): InventoryEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId,
  size: 100n,
  sha256: sha,
  inode: 7n,
  dateModified: new Date("2026-11-01T00:00:00Z"),
});

/** A Files scan of one machine at one instant (its start and finish), for tests of the scan commit. */
export const filesScan = (
  scanId: string,
  machineId: string,
  at: Date,
  entityIds: readonly string[],
  entries: readonly InventoryEntry[],
  extra: Partial<ScanReport> = {},
): ScanReport => ({ scanId, machineId, changeType: "Files", startedAt: at, finishedAt: at, entityIds, entries, errors: [], ...extra });
