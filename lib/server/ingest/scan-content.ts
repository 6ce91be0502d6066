import "server-only";
import type { InventoryEntry } from "@/lib/domain/diff";
import { join, sql } from "../changes/sql";
import type { RawTx } from "../raw-tx";
import { insertRows } from "./bulk-insert";
import type { ScanReport } from "./commit-scan";

// The file content a scan uploads, and which content hashes a machine may name: its own uploads only.

/** Big statements are split: SQLite limits the number of bound variables in one statement. */
async function createInChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size: number) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** The content hashes among `sha256s` that this machine uploaded before (its MachineContent rows). */
async function linkedContent(tx: RawTx, machineId: string, sha256s: readonly string[]): Promise<Set<string>> {
  const own = new Set<string>();
  await createInChunks(
    [...sha256s],
    async (chunk) => {
      const rows = await tx.query<{ sha256: string }>(sql`SELECT "sha256" FROM "MachineContent"
      WHERE "machineId" = ${machineId} AND "sha256" IN (${join(chunk)})`);
      for (const r of rows) own.add(r.sha256);
    },
    10_000,
  );
  return own;
}

/**
 * The report's entries with every contentSha256 its machine did not upload (in this scan or an earlier one)
 * dropped: a hash alone, seen in another tenant's change, must not make that tenant's content this machine's.
 * Entries are shared objects (the simulated fleet caches them), so a dropped one is a copy.
 */
export async function ownContent(
  tx: RawTx,
  machineId: string,
  report: ScanReport,
): Promise<{ entries: readonly InventoryEntry[]; refused: number }> {
  const uploaded = report.contents;
  const named = new Set<string>();
  for (const e of report.entries) if (e.contentSha256 && !uploaded?.has(e.contentSha256)) named.add(e.contentSha256);
  if (!named.size) return { entries: report.entries, refused: 0 };
  const own = await linkedContent(tx, machineId, [...named]);
  let refused = 0;
  const entries = report.entries.map((e) => {
    if (!e.contentSha256 || uploaded?.has(e.contentSha256) || own.has(e.contentSha256)) return e;
    refused++;
    return { ...e, contentSha256: null };
  });
  return { entries, refused };
}

/** Stores the scan's uploaded content once per hash, and links each to the machine that uploaded it. */
export async function writeContents(tx: RawTx, machineId: string, report: ScanReport) {
  if (!report.contents?.size) return;
  const sha256s = [...report.contents.keys()];
  const linked = await linkedContent(tx, machineId, sha256s);
  const unlinked = sha256s.filter((sha) => !linked.has(sha));
  if (!unlinked.length) return;
  const known = new Set<string>();
  await createInChunks(
    unlinked,
    async (chunk) => {
      const rows = await tx.query<{ sha256: string }>(sql`SELECT "sha256" FROM "ContentBlob" WHERE "sha256" IN (${join(chunk)})`);
      for (const r of rows) known.add(r.sha256);
    },
    10_000,
  );
  const now = new Date();
  for (const sha256 of unlinked) {
    if (known.has(sha256)) continue;
    const data = report.contents.get(sha256)!;
    await insertRows(tx, "ContentBlob", ["sha256", "size", "data", "createdAt"], [[sha256, data.byteLength, data, now]]);
  }
  await insertRows(
    tx,
    "MachineContent",
    ["machineId", "sha256", "createdAt"],
    unlinked.map((sha256) => [machineId, sha256, now]),
  );
}
