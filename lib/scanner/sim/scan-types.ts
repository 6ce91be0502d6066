// Types of the simulated scan API (the TrackedEntity columns a scan reads, and what it returns).
import type { InventoryEntry } from "@/lib/domain/diff";
import type { EntityKind, LinksMode, PathType } from "@/lib/domain/types";

export type SimEntity = {
  id: string;
  kind: EntityKind;
  path: string;
  pathType: PathType | null;
  recursion: boolean;
  valueName: string;
  uploadContent: boolean;
  links: LinksMode | null;
  enabled: boolean;
};

export type SimScanError = { entityId?: string; path?: string; message: string };

export type SimScanResult = {
  entries: InventoryEntry[];
  errors: SimScanError[];
  /** Uploaded content by SHA-256 (text files of entities with Upload file content). */
  contents: Map<string, Uint8Array>;
};

/**
 * Inventory entries already built for a state object (a file node, a registry value, a service): an unchanged
 * item reuses its entry from the previous scan instead of allocating a new one. Weak, so replaced nodes free theirs.
 */
const built = new WeakMap<object, InventoryEntry[]>();

export function entryFor(
  source: object,
  itemKey: string,
  entityId: string,
  same: (e: InventoryEntry) => boolean,
  build: () => InventoryEntry,
): InventoryEntry {
  const list = built.get(source);
  if (list) for (const e of list) if (e.itemKey === itemKey && e.entityId === entityId && same(e)) return e;
  const entry = build();
  if (!list) built.set(source, [entry]);
  else if (list.push(entry) > 6) list.shift();
  return entry;
}

/** The last scan of one change type: reused while the state version and the entities are unchanged. */
export interface CachedScan {
  version: number;
  entities: string;
  result: SimScanResult;
}
