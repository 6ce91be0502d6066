import "server-only";
import type { ChangeDraft, InventoryEntry } from "@/lib/domain/diff";
import { attributionOf, type AttributedEntry, type Attribution } from "@/lib/domain/packages";

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
 * The package attribution of each file change, from the package facts the agent sent with the file's current entry
 * (an added or modified file; a file's target is its itemKey). A removed file has no current entry: not attributed.
 */
export function attributionsFor(drafts: readonly ChangeDraft[], current: readonly InventoryEntry[]): AttributionColumns[] {
  const files = new Map<string, AttributedEntry>();
  for (const e of current as AttributedEntry[]) if (e.changeType === "Files" && e.packageName !== undefined) files.set(e.itemKey, e);
  if (files.size === 0) return drafts.map(() => NONE);
  return drafts.map((d) => {
    const e = d.category === "Removed" ? undefined : files.get(d.target);
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
