import "server-only";
import crypto from "node:crypto";
import type { InventoryEntry } from "@/lib/domain/diff";
import type { ChangeType } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { join, raw, sql } from "../changes/sql";
import type { RawTx, SqlValue } from "../raw-tx";
import { insertRows } from "./bulk-insert";

// The stored inventory as the scan commit reads and writes it. The commit's cost was dominated by reading back every
// field of every item of the machine on every scan (a few hundred rows, thirty columns each, through Prisma's raw
// mapping) to find the few that moved. Each row now carries a fingerprint of its stored fields: a scan reads only
// keys and fingerprints, and the full rows of the items whose fingerprint differs from their new entry's.

export type InventoryRow = Prisma.InventoryItemGetPayload<object>;
/** What a scan reads of every stored item: enough to judge it, and to tell whether its entry moved. */
export type InventoryKey = { itemKey: string; entityId: string | null; fingerprint: string | null; fileType: string | null };

export const toEntry = (r: InventoryRow): InventoryEntry => r as unknown as InventoryEntry;

export function inventoryData(machineId: string, e: InventoryEntry): Prisma.InventoryItemCreateManyInput {
  return {
    machineId,
    changeType: e.changeType,
    itemKey: e.itemKey,
    entityId: e.entityId ?? null,
    size: e.size ?? null,
    sha256: e.sha256 ?? null,
    acls: e.acls ?? null,
    attributes: e.attributes ?? null,
    inode: e.inode ?? null,
    dateCreated: e.dateCreated ?? null,
    dateModified: e.dateModified ?? null,
    registryKey: e.registryKey ?? null,
    valueName: e.valueName ?? null,
    valueType: e.valueType ?? null,
    valueData: e.valueData ?? null,
    svcName: e.svcName ?? null,
    svcDisplayName: e.svcDisplayName ?? null,
    svcState: e.svcState ?? null,
    svcStartupType: e.svcStartupType ?? null,
    svcPath: e.svcPath ?? null,
    svcAccount: e.svcAccount ?? null,
    contentSha256: e.contentSha256 ?? null,
    fileType: e.fileType ?? null,
    linkCount: e.linkCount ?? null,
    linkTarget: e.linkTarget ?? null,
    xattrs: e.xattrs ?? null,
    posixAcl: e.posixAcl ?? null,
    capabilities: e.capabilities ?? null,
    selinuxContext: e.selinuxContext ?? null,
    verifiedAt: e.verifiedAt ?? null,
  };
}

/** A stored field's part of a fingerprint's text: its value (a date by instant), or NUL for null or absent. */
const part = (v: unknown): string =>
  v == null ? "\u0000\u0001" : typeof v !== "object" ? v + "\u0001" : v instanceof Date ? v.getTime() + "\u0001" : String(v) + "\u0001";

/**
 * The stored fields' values (FINGERPRINTED, in that order), in one string hashed: equal fingerprints, equal rows. Takes
 * a row or an entry alike: an entry's absent field is the row's null.
 */
export function fingerprintOf(data: Prisma.InventoryItemCreateManyInput | InventoryEntry): string {
  // Each field read by its name, not by a loop over the names: a computed key's lookup on entries of a few shapes cost
  // four times the hash, and this runs for every entry of every scan.
  const d = data as Partial<Record<(typeof FINGERPRINTED)[number], unknown>>;
  const text =
    part(d.changeType) +
    part(d.itemKey) +
    part(d.entityId) +
    part(d.size) +
    part(d.sha256) +
    part(d.acls) +
    part(d.attributes) +
    part(d.inode) +
    part(d.dateCreated) +
    part(d.dateModified) +
    part(d.registryKey) +
    part(d.valueName) +
    part(d.valueType) +
    part(d.valueData) +
    part(d.svcName) +
    part(d.svcDisplayName) +
    part(d.svcState) +
    part(d.svcStartupType) +
    part(d.svcPath) +
    part(d.svcAccount) +
    part(d.contentSha256) +
    part(d.fileType) +
    part(d.linkCount) +
    part(d.linkTarget) +
    part(d.xattrs) +
    part(d.posixAcl) +
    part(d.capabilities) +
    part(d.selinuxContext) +
    part(d.verifiedAt);
  // One-shot hash of the whole text: the hash's per-call cost, not its per-byte one, is what a scan pays (crypto.hash
  // costs a third of createHash().update().digest() for a few hundred bytes).
  return crypto.hash("sha1", text, "base64");
}

const fingerprints = new WeakMap<InventoryEntry, string>();

/**
 * An entry's fingerprint, kept per entry object: entries are not changed once reported, and the simulated fleet hands
 * back the same objects for the items that did not change (the history backfill commits them scan after scan).
 */
export function entryFingerprint(e: InventoryEntry): string {
  let f = fingerprints.get(e);
  if (f === undefined) {
    f = fingerprintOf(e);
    fingerprints.set(e, f);
  }
  return f;
}

const INVENTORY_COLUMNS = [
  "machineId",
  "changeType",
  "itemKey",
  "entityId",
  "size",
  "sha256",
  "acls",
  "attributes",
  "inode",
  "dateCreated",
  "dateModified",
  "registryKey",
  "valueName",
  "valueType",
  "valueData",
  "svcName",
  "svcDisplayName",
  "svcState",
  "svcStartupType",
  "svcPath",
  "svcAccount",
  "contentSha256",
  "fileType",
  "linkCount",
  "linkTarget",
  "xattrs",
  "posixAcl",
  "capabilities",
  "selinuxContext",
  "verifiedAt",
  "fingerprint",
  "updatedAt",
] as const satisfies readonly (keyof Prisma.InventoryItemUncheckedCreateInput)[];

/** The fields a fingerprint covers: every stored field but the machine (the row's scope) and the bookkeeping. */
export const FINGERPRINTED = INVENTORY_COLUMNS.filter((c) => c !== "machineId" && c !== "fingerprint" && c !== "updatedAt");

export const ofMachine = (machineId: string, changeType: ChangeType) =>
  sql`"machineId" = ${machineId} AND "changeType" = ${raw(`'${changeType}'`)}`;

/** Full rows by item key, read raw (SQLite returns dates as text, integers as bigint; PostgreSQL int8 as text). */
export async function readInventoryRows(
  tx: RawTx,
  machineId: string,
  changeType: ChangeType,
  itemKeys: readonly string[],
): Promise<InventoryRow[]> {
  const out: InventoryRow[] = [];
  for (let i = 0; i < itemKeys.length; i += 10_000) {
    const rows = await tx.query(sql`SELECT ${raw(INVENTORY_READ)} FROM "InventoryItem"
      WHERE ${ofMachine(machineId, changeType)} AND "itemKey" IN (${join(itemKeys.slice(i, i + 10_000))})`);
    for (const r of rows) {
      r.machineId = machineId;
      r.changeType = changeType;
      r.size = big(r.size);
      r.inode = big(r.inode);
      r.dateCreated = date(r.dateCreated);
      r.dateModified = date(r.dateModified);
      r.verifiedAt = date(r.verifiedAt);
      if (r.linkCount != null) r.linkCount = Number(r.linkCount);
      out.push(r as unknown as InventoryRow);
    }
  }
  return out;
}

const big = (v: unknown) => (v == null ? null : typeof v === "bigint" ? v : BigInt(v as number | string));
const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(v as string));
const INVENTORY_READ = INVENTORY_COLUMNS.filter((c) => c !== "machineId" && c !== "changeType" && c !== "updatedAt")
  .map((c) => `"${c}"`)
  .join(", ");

/**
 * Deletes the machine's rows of these item keys and inserts new ones (with their fingerprints): two statements however
 * many items moved, on the machine's few neighbouring pages (the table is clustered by its key on SQLite).
 */
export async function replaceInventory(
  tx: RawTx,
  machineId: string,
  changeType: ChangeType,
  removeKeys: readonly string[],
  writes: readonly Prisma.InventoryItemCreateManyInput[],
) {
  for (let i = 0; i < removeKeys.length; i += 10_000)
    await tx.execute(
      sql`DELETE FROM "InventoryItem" WHERE ${ofMachine(machineId, changeType)} AND "itemKey" IN (${join(removeKeys.slice(i, i + 10_000))})`,
    );
  const updatedAt = new Date();
  await insertRows(
    tx,
    "InventoryItem",
    INVENTORY_COLUMNS,
    writes.map((data) => {
      const row: Record<string, unknown> = { ...data, updatedAt };
      row.fingerprint ??= fingerprintOf(data);
      return INVENTORY_COLUMNS.map((c) => (row[c] ?? null) as SqlValue);
    }),
  );
}
