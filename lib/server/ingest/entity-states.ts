import "server-only";
import { empty, join, sql, type Sql } from "../changes/sql";
import { valuesInsert } from "./bulk-insert";
import type { ScanError, ScanReport } from "./commit-scan";

export const errorText = (e: ScanError) => (e.path ? `${e.path}: ${e.message}` : e.message);

/** Items per entity id. */
export function countByEntity(entries: readonly { entityId?: string | null }[], into = new Map<string, number>(), sign = 1) {
  for (const e of entries) if (e.entityId) into.set(e.entityId, (into.get(e.entityId) ?? 0) + sign);
  return into;
}

/**
 * The statements of each entity's collection state on the machine, stamped by every scan with its id, item count and
 * first error: an insert for the entities new to the machine, an update for the others (null where there are none).
 * They touch different rows, so the caller runs them with the scan's last writes.
 */
export function entityStateWrites(
  machineId: string,
  report: ScanReport,
  covered: Set<string>,
  states: { entityId: string; itemCount: number; lastError: string | null }[],
  counts: ReadonlyMap<string, number>,
): [Sql | null, Sql | null] {
  const errors = new Map<string, string>();
  for (const e of report.errors) if (e.entityId && !errors.has(e.entityId)) errors.set(e.entityId, errorText(e));
  const known = new Map(states.map((s) => [s.entityId, s]));
  const fresh = [...covered].filter((id) => !known.has(id));
  const insert = !fresh.length
    ? null
    : valuesInsert(
        "EntityCollectionState",
        ["machineId", "entityId", "baselineAt", "lastScanAt", "itemCount", "lastError", "lastScanId"],
        fresh.map((entityId) => [
          machineId,
          entityId,
          report.finishedAt,
          report.finishedAt,
          counts.get(entityId) ?? 0,
          errors.get(entityId) ?? null,
          report.scanId,
        ]),
      );
  // One statement stamps every entity and sets the count and error of those where they moved.
  if (!known.size) return [insert, null];
  const moved = [...known].flatMap(([entityId, state]) => {
    const itemCount = counts.get(entityId) ?? 0;
    const lastError = errors.get(entityId) ?? null;
    return state.itemCount === itemCount && state.lastError === lastError ? [] : [{ entityId, itemCount, lastError }];
  });
  const setMoved = moved.length
    ? sql`, "itemCount" = CASE "entityId" ${join(
        moved.map((m) => sql`WHEN ${m.entityId} THEN ${m.itemCount}`),
        " ",
      )} ELSE "itemCount" END,
        "lastError" = CASE "entityId" ${join(
          moved.map((m) => sql`WHEN ${m.entityId} THEN ${m.lastError}`),
          " ",
        )} ELSE "lastError" END`
    : empty;
  const update = sql`UPDATE "EntityCollectionState" SET "lastScanAt" = ${report.finishedAt}, "lastScanId" = ${report.scanId} ${setMoved}
    WHERE "machineId" = ${machineId} AND "entityId" IN (${join([...known.keys()])})`;
  return [insert, update];
}
