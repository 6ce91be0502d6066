import "server-only";
import { join, sql } from "../changes/sql";
import { intOf, type RawTx } from "../raw-tx";

export type Judgement = {
  duplicate: boolean;
  workspace: { fimEnabled: boolean; configVersion: number } | null;
  covered: Set<string>;
  states: { entityId: string; itemCount: number; lastError: string | null }[];
};

/**
 * What the commit is judged against, in one statement: whether the scan id is already committed, the workspace's
 * FIM switch and configuration version, which of the scan's entities are live, and their collection states.
 */
export async function judgeScan(
  tx: RawTx,
  machine: { id: string; workspaceId: string },
  report: { scanId: string; entityIds: readonly string[] },
): Promise<Judgement> {
  const arms = [
    sql`SELECT 's' AS k, "id" AS a, NULL AS c, NULL AS d, NULL AS e FROM "Scan" WHERE "id" = ${report.scanId}`,
    sql`SELECT 'w' AS k, NULL AS a, CAST("fimEnabled" AS INTEGER) AS c, "configVersion" AS d, NULL AS e FROM "Workspace" WHERE "id" = ${machine.workspaceId}`,
  ];
  if (report.entityIds.length) {
    const ids = join([...report.entityIds]);
    arms.push(
      sql`SELECT 'e' AS k, "id" AS a, NULL AS c, NULL AS d, NULL AS e FROM "TrackedEntity"
        WHERE "id" IN (${ids}) AND "workspaceId" = ${machine.workspaceId} AND "enabled" = TRUE`,
      sql`SELECT 't' AS k, "entityId" AS a, "itemCount" AS c, NULL AS d, "lastError" AS e FROM "EntityCollectionState"
        WHERE "machineId" = ${machine.id} AND "entityId" IN (${ids})`,
    );
  }
  const rows = await tx.query<{ k: string; a: string | null; c: unknown; d: unknown; e: string | null }>(join(arms, " UNION ALL "));
  const out: Judgement = { duplicate: false, workspace: null, covered: new Set(), states: [] };
  for (const r of rows) {
    if (r.k === "s") out.duplicate = true;
    else if (r.k === "w") out.workspace = { fimEnabled: intOf(r.c) === 1, configVersion: intOf(r.d) };
    else if (r.k === "e") out.covered.add(r.a!);
  }
  // States of entities no longer live are neither read nor written (as before: only covered entities count).
  for (const r of rows)
    if (r.k === "t" && out.covered.has(r.a!)) out.states.push({ entityId: r.a!, itemCount: intOf(r.c), lastError: r.e });
  return out;
}
