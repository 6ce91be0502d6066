// Delta reports: once the server has committed a scan of this host, the agent sends only what moved since (the entries
// added or changed, the keys removed) with that scan's id as the base. The server applies a delta only when that scan is
// the one its entities were last collected by, and otherwise asks for the full inventory, which the agent then sends
// under the same scan id. A full inventory still goes on the process's first pass and at least once a verification
// period, so that whatever drifted on either side is reconciled within the workspace's bounded-trust window.
import type { TAgentEntryWire, TAgentScanReportWire } from "@/lib/contracts/agent";

/** What the server holds of one change type, as far as the agent knows: the inventory of a scan it committed. */
export type CommittedScan = {
  scanId: string;
  configVersion: number;
  entityIds: string[];
  /** When the last full inventory of this change type was committed. */
  fullAt: string;
};

/** Whether the next report may be a delta against `committed`: the same configuration, and a full one recently. */
export function mayDelta(
  committed: CommittedScan | undefined,
  report: { configVersion?: number; entityIds: readonly string[] },
  fullEveryMs: number,
  now = Date.now(),
): committed is CommittedScan {
  if (!committed || committed.configVersion !== report.configVersion) return false;
  if (now - Date.parse(committed.fullAt) >= fullEveryMs) return false;
  const ids = new Set(committed.entityIds);
  return ids.size === new Set(report.entityIds).size && report.entityIds.every((id) => ids.has(id));
}

/** The full report as a delta against the inventory the server committed (`before`, as the agent sent it). */
export function toDelta(report: TAgentScanReportWire, baseScanId: string, before: readonly TAgentEntryWire[]): TAgentScanReportWire {
  const sent = new Map(before.map((e) => [e.itemKey, JSON.stringify(e)]));
  const entries = report.entries.filter((e) => sent.get(e.itemKey) !== JSON.stringify(e));
  const present = new Set(report.entries.map((e) => e.itemKey));
  // Every key gone is listed (a delta removes only what it names), with its package facts where the scan has them.
  const facts = new Map((report.removed ?? []).map((r) => [r.itemKey, r]));
  const removed = [...sent.keys()].filter((k) => !present.has(k)).map((itemKey) => facts.get(itemKey) ?? { itemKey });
  return { ...report, baseScanId, entries, removed };
}
