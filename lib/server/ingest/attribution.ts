import "server-only";
import type { ChangeDraft, InventoryEntry } from "@/lib/domain/diff";
import { attributionOf, type AttributedEntry, type Attribution, type PackageFacts, type RemovedEntry } from "@/lib/domain/packages";

export type AttributionColumns = {
  attribution: Attribution | null;
  packageName: string | null;
  packageVersion: string | null;
  packagePreviousVersion: string | null;
  packageUpdatedAt: Date | null;
};

const NONE: AttributionColumns = {
  attribution: null,
  packageName: null,
  packageVersion: null,
  packagePreviousVersion: null,
  packageUpdatedAt: null,
};

/**
 * The package attribution of each file change: from the package facts the agent sent with the file's current entry
 * (an added or modified file, folder or link; a file's target is its itemKey), or, for a removed one, with the paths
 * it no longer found (`removed`).
 */
export function attributionsFor(
  drafts: readonly ChangeDraft[],
  current: readonly InventoryEntry[],
  removed: readonly RemovedEntry[] = [],
): AttributionColumns[] {
  const files = new Map<string, Partial<PackageFacts>>();
  for (const e of current as AttributedEntry[]) if (e.changeType === "Files" && e.packageName !== undefined) files.set(e.itemKey, e);
  const gone = new Map<string, Partial<PackageFacts>>();
  for (const r of removed) if (r.packageName !== undefined) gone.set(r.itemKey, r);
  if (files.size === 0 && gone.size === 0) return drafts.map(() => NONE);
  return drafts.map((d) => {
    if (d.changeType !== "Files") return NONE;
    const e = d.category === "Removed" ? gone.get(d.target) : files.get(d.target);
    const attribution = attributionOf(e);
    if (!e || attribution === null) return NONE;
    return {
      attribution,
      packageName: e.packageName ?? null,
      packageVersion: e.packageVersion ?? null,
      packagePreviousVersion: e.packagePreviousVersion ?? null,
      packageUpdatedAt: e.packageUpdatedAt ?? null,
    };
  });
}
