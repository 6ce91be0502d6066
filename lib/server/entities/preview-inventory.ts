import "server-only";
import { linuxRuleCovers, linuxRulePrefix, type LinuxRuleShape } from "@/lib/domain/rule-match";
import type { Db } from "../db";

export type InventoryMatch = {
  /** Per machine id, the paths of its last reported Files inventory that the rule covers. */
  byMachine: Map<string, string[]>;
  /** More than `maxRows` inventory rows started with the rule's folder: the counts are lower bounds. */
  truncated: boolean;
};

/**
 * What a Linux file rule matches in the inventory the machines last reported: the rows under the rule's folder
 * (one indexed range per machine), each then judged by the scanner's own semantics (linuxRuleCovers).
 */
export async function matchInventory(
  db: Db,
  machineIds: readonly string[],
  rule: LinuxRuleShape,
  maxRows: number,
): Promise<InventoryMatch> {
  const byMachine = new Map(machineIds.map((id) => [id, [] as string[]]));
  if (!machineIds.length) return { byMachine, truncated: false };
  const range = linuxRulePrefix(rule);
  const rows = await db.inventoryItem.findMany({
    where: {
      machineId: { in: [...machineIds] },
      changeType: "Files",
      itemKey: "exact" in range ? range.exact : { startsWith: range.prefix },
    },
    select: { machineId: true, itemKey: true },
    orderBy: { itemKey: "asc" },
    take: maxRows + 1,
  });
  const truncated = rows.length > maxRows;
  for (const r of truncated ? rows.slice(0, maxRows) : rows) {
    if (linuxRuleCovers(rule, r.itemKey)) byMachine.get(r.machineId)?.push(r.itemKey);
  }
  return { byMachine, truncated };
}
