import "server-only";
import type { InventoryEntry } from "@/lib/domain/diff";
import { empty, raw, sql, type Sql } from "../changes/sql";
import { valuesInsert } from "./bulk-insert";
import { errorText } from "./entity-states";
import type { ScanReport } from "./commit-scan";
import { SCAN_COLUMNS } from "./scan-columns";

// The two rows every committed scan writes besides its data: the scan itself (its id is the exactly-once guard) and
// its machine's health.

/** The scan's row: what it covered, found and failed on (its first 50 errors). */
export function scanRowInsert(report: ScanReport, machineId: string, itemsScanned: number, changesFound: number): Sql {
  return valuesInsert("Scan", SCAN_COLUMNS, [
    [
      report.scanId,
      machineId,
      report.changeType,
      report.startedAt,
      report.finishedAt,
      "COMPLETED",
      itemsScanned,
      changesFound,
      report.errors.length,
      JSON.stringify(report.errors.slice(0, 50)),
    ],
  ]);
}

/**
 * The machine's last report, health and first error, and (for files) since when every hashed file was read again:
 * from the scan's whole inventory, or (`"stored"`, a delta's) from the stored one, which then holds it.
 */
export function machineHealthUpdate(report: ScanReport, machineId: string, inventory: readonly InventoryEntry[] | "stored"): Sql {
  const status = report.errors.length ? "WARNING" : "HEALTHY";
  return sql`UPDATE "Machine" SET "lastReportAt" = ${report.finishedAt}, "collectionStatus" = ${raw(`'${status}'`)},
    "lastError" = ${report.errors.length ? errorText(report.errors[0]) : null}
    ${report.changeType === "Files" ? verificationSet(machineId, inventory) : empty} WHERE "id" = ${machineId}`;
}

function verificationSet(machineId: string, inventory: readonly InventoryEntry[] | "stored"): Sql {
  // The stored inventory's, by the same rule as lastFullVerification's: unchanged when some hashed file's is unknown.
  if (inventory === "stored")
    return sql`, "lastFullVerificationAt" = COALESCE((SELECT CASE WHEN COUNT(*) = COUNT("verifiedAt") THEN MIN("verifiedAt") END
      FROM "InventoryItem" WHERE "machineId" = ${machineId} AND "changeType" = 'Files' AND "sha256" IS NOT NULL), "lastFullVerificationAt")`;
  const verified = lastFullVerification(inventory);
  return verified ? sql`, "lastFullVerificationAt" = ${verified}` : empty;
}

/**
 * Bounded trust: the instant since which every hashed file of the inventory was read again (the oldest
 * verification), or null when some file's is unknown (an agent or simulation that does not report it).
 */
function lastFullVerification(entries: readonly InventoryEntry[]): Date | null {
  let oldest: Date | null = null;
  for (const e of entries) {
    if (e.sha256 == null) continue;
    if (e.verifiedAt == null) return null;
    if (oldest === null || e.verifiedAt < oldest) oldest = e.verifiedAt;
  }
  return oldest;
}
