import type { InventoryEntry } from "@/lib/domain/diff";

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
