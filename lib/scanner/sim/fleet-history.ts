// Runs the simulated fleet through a month of history the way the collector's backfill does (scan at the real
// collection frequencies, skip intervals without activity, diff against the last scan) and counts what it finds.
// Used by the fleet test and handy to tune the activity model.
import { diffInventories, type ChangeDraft, type InventoryEntry } from "@/lib/domain/diff";
import { baseFrequencySec } from "@/lib/domain/schedule";
import type { ChangeType } from "@/lib/domain/types";
import { activityBetween, simulateScan } from "./index";
import type { SimMachine } from "./profile";
import type { SimEntity } from "./scan-types";

export interface HistoryStats {
  scans: number;
  skipped: number;
  changes: number;
  byType: Record<ChangeType, number>;
  byCategory: Record<string, number>;
  errors: number;
}

const CHANGE_TYPES: Record<SimMachine["osFamily"], ChangeType[]> = { LINUX: ["Files"], WINDOWS: ["Files", "Registry", "WindowsServices"] };

/** Month of history of one machine; `onChanges` sees each scan's change records. */
export function machineHistory(
  m: SimMachine,
  entities: readonly SimEntity[],
  from: Date,
  to: Date,
  onChanges?: (changes: ChangeDraft[], at: Date, changeType: ChangeType) => void,
  /** Skip by the activity of this change type only (the collector's backfill counts all activity). */
  perChangeType = false,
): HistoryStats {
  const stats: HistoryStats = {
    scans: 0,
    skipped: 0,
    changes: 0,
    byType: { Files: 0, Registry: 0, WindowsServices: 0 },
    byCategory: {},
    errors: 0,
  };
  for (const changeType of CHANGE_TYPES[m.osFamily]) {
    const step = baseFrequencySec(changeType, m.osFamily) * 1000;
    let previous: InventoryEntry[] | null = null;
    let committedAt = 0;
    for (let tick = from.getTime() + (m.simSeed % step); tick <= to.getTime(); tick += step) {
      const last = tick + step > to.getTime();
      if (
        previous !== null &&
        !last &&
        activityBetween(m, new Date(committedAt), new Date(tick), perChangeType ? changeType : undefined) === 0
      ) {
        stats.skipped++;
        continue;
      }
      const scan = simulateScan(m, entities, changeType, new Date(tick));
      stats.scans++;
      stats.errors += scan.errors.length;
      if (previous !== null) {
        const changes = diffInventories(previous, scan.entries);
        stats.changes += changes.length;
        stats.byType[changeType] += changes.length;
        for (const c of changes) stats.byCategory[c.category] = (stats.byCategory[c.category] ?? 0) + 1;
        if (changes.length) onChanges?.(changes, new Date(tick), changeType);
      }
      previous = scan.entries;
      committedAt = tick;
    }
  }
  return stats;
}
