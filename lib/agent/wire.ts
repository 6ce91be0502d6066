// The agent's side of the wire format (app/api/v1/agent/schema.ts): inventory entries with sizes and inodes as
// numbers (decimal strings past 2^53) and dates as ISO strings, and back again for the agent's own cache.
import type { TAgentEntryWire } from "@/lib/contracts/agent";
import type { InventoryEntry } from "@/lib/domain/diff";
import type { RemovedEntry } from "@/lib/domain/packages";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function toWireEntry(e: InventoryEntry | RemovedEntry): TAgentEntryWire {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    // A null packageName is a fact (no package owns the path), not an absence.
    if (k === "packageName" && v === null) out[k] = v;
    if (k === "changeType" || v === null || v === undefined) continue;
    if (typeof v === "bigint") out[k] = v <= MAX_SAFE ? Number(v) : v.toString();
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out as TAgentEntryWire;
}

const BIGINTS = new Set(["size", "inode"]);
const DATES = new Set(["dateCreated", "dateModified", "verifiedAt", "packageUpdatedAt"]);

/** An entry of the agent's inventory cache (written with toWireEntry) as the scanner compares it. */
export function fromWireEntry(changeType: InventoryEntry["changeType"], w: Record<string, unknown>): InventoryEntry {
  const e: Record<string, unknown> = { changeType };
  for (const [k, v] of Object.entries(w)) {
    if (BIGINTS.has(k) && (typeof v === "number" || typeof v === "string")) e[k] = BigInt(v);
    else if (DATES.has(k) && typeof v === "string") e[k] = new Date(v);
    else e[k] = v;
  }
  return e as unknown as InventoryEntry;
}
