import "server-only";
import { empty, join, sql } from "../changes/sql";
import { intOf, type RawTx } from "../raw-tx";
import type { ChangeType } from "@/lib/domain/types";
import { ofMachine, type InventoryKey } from "./inventory";

export type Judgement = {
  duplicate: boolean;
  workspace: { fimEnabled: boolean; configVersion: number } | null;
  covered: Set<string>;
  states: { entityId: string; itemCount: number; lastError: string | null }[];
  /**
   * The keys and fingerprints of the machine's stored inventory of the scan's change type (none for a duplicate); of
   * a delta, only the rows of the keys it names.
   */
  previousRows: InventoryKey[];
  /** Of a delta: the entities whose collection state on the machine was last stamped by its base scan. */
  baseEntities: Set<string>;
};

/** A delta names at most this many keys for its rows to be read by key; past it every key is read (and filtered). */
const MAX_KEYS_READ_BY_KEY = 5_000;

/**
 * What the commit is judged against, in one statement: whether the scan id is already committed, the workspace's
 * FIM switch and configuration version, which of the scan's entities are live, their collection states, and (unless
 * the scan is a duplicate) the keys of the inventory it is diffed against. One statement, not two: on PostgreSQL a
 * round trip costs the commit more than reading a few hundred keys.
 */
export async function judgeScan(
  tx: RawTx,
  machine: { id: string; workspaceId: string },
  report: { scanId: string; changeType: ChangeType; entityIds: readonly string[]; baseScanId?: string },
  /** Of a delta: the item keys it names (its entries and removed items). */
  deltaKeys?: ReadonlySet<string>,
): Promise<Judgement> {
  const byKey = deltaKeys && deltaKeys.size <= MAX_KEYS_READ_BY_KEY;
  const arms = [
    sql`SELECT 's' AS k, "id" AS a, NULL AS c, NULL AS d, NULL AS e, NULL AS f, NULL AS g FROM "Scan" WHERE "id" = ${report.scanId}`,
    sql`SELECT 'w' AS k, NULL AS a, CAST("fimEnabled" AS INTEGER) AS c, "configVersion" AS d, NULL AS e, NULL AS f, NULL AS g
      FROM "Workspace" WHERE "id" = ${machine.workspaceId}`,
  ];
  if (!byKey || deltaKeys.size)
    arms.push(sql`SELECT 'i' AS k, "itemKey" AS a, NULL AS c, NULL AS d, "entityId" AS e, "fingerprint" AS f, "fileType" AS g
      FROM "InventoryItem" WHERE ${ofMachine(machine.id, report.changeType)}
        ${byKey ? sql`AND "itemKey" IN (${join([...deltaKeys])})` : empty}
        AND NOT EXISTS (SELECT 1 FROM "Scan" WHERE "id" = ${report.scanId})`);
  if (report.baseScanId !== undefined)
    arms.push(sql`SELECT 'b' AS k, "entityId" AS a, NULL AS c, NULL AS d, NULL AS e, NULL AS f, NULL AS g
      FROM "EntityCollectionState" WHERE "machineId" = ${machine.id} AND "lastScanId" = ${report.baseScanId}`);
  if (report.entityIds.length) {
    const ids = join([...report.entityIds]);
    arms.push(
      sql`SELECT 'e' AS k, "id" AS a, NULL AS c, NULL AS d, NULL AS e, NULL AS f, NULL AS g FROM "TrackedEntity"
        WHERE "id" IN (${ids}) AND "workspaceId" = ${machine.workspaceId} AND "enabled" = TRUE`,
      sql`SELECT 't' AS k, "entityId" AS a, "itemCount" AS c, NULL AS d, "lastError" AS e, NULL AS f, NULL AS g
        FROM "EntityCollectionState"
        WHERE "machineId" = ${machine.id} AND "entityId" IN (${ids})`,
    );
  }
  type Row = { k: string; a: string | null; c: unknown; d: unknown; e: string | null; f: string | null; g: string | null };
  const rows = await tx.query<Row>(join(arms, " UNION ALL "));
  const out: Judgement = { duplicate: false, workspace: null, covered: new Set(), states: [], previousRows: [], baseEntities: new Set() };
  for (const r of rows) {
    if (r.k === "i") {
      if (!deltaKeys || deltaKeys.has(r.a!)) out.previousRows.push({ itemKey: r.a!, entityId: r.e, fingerprint: r.f, fileType: r.g });
    } else if (r.k === "b") out.baseEntities.add(r.a!);
    else if (r.k === "s") out.duplicate = true;
    else if (r.k === "w") out.workspace = { fimEnabled: intOf(r.c) === 1, configVersion: intOf(r.d) };
    else if (r.k === "e") out.covered.add(r.a!);
  }
  // States of entities no longer live are neither read nor written (as before: only covered entities count).
  for (const r of rows)
    if (r.k === "t" && out.covered.has(r.a!)) out.states.push({ entityId: r.a!, itemCount: intOf(r.c), lastError: r.e });
  return out;
}
