import "server-only";
import { diffInventories, type InventoryEntry } from "@/lib/domain/diff";
import { attributionsFor } from "./attribution";
import { expectedByRules, writeRuleHistory } from "./expected";
import { reviewCountsUpsert } from "../changes/review-counts";
import type { RemovedEntry } from "@/lib/domain/packages";
import type { ChangeType } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "../db";
import { changeCountsUpsert } from "../changes/hourly";
import { isUniqueViolation, lockMachine, writeRawTransaction, type LockedMachine } from "../tx";
import type { RawTx, SqlValue } from "../raw-tx";
import { insertRows, newId } from "./bulk-insert";
import { entryFingerprint, inventoryData, readInventoryRows, replaceInventory, toEntry, type InventoryKey } from "./inventory";
import { raiseAlerts } from "../alerts/raise";
import { judgeScan } from "./commit-judge";
import { countByEntity, entityStateWrites } from "./entity-states";
import { RECORD_COLUMNS } from "./scan-columns";
import { machineHealthUpdate, scanRowInsert } from "./scan-row";
import { ownContent, writeContents } from "./scan-content";

export type ScanError = { entityId?: string | null; path?: string | null; message: string };

/** What an agent (simulated, local or remote) reports for one scan of one machine and one change type. */
export type ScanReport = {
  /** Chosen by the agent; the same id sent twice is committed once. */
  scanId: string;
  machineId: string;
  changeType: ChangeType;
  startedAt: Date;
  finishedAt: Date;
  /** The tracked entities this scan covered; items of other entities are not judged by it. */
  entityIds: readonly string[];
  /** The current inventory of those entities, each entry with its entityId (of a delta, only what moved). */
  entries: readonly InventoryEntry[];
  /**
   * Makes the report a delta against this scan (the last committed for these entities): `entries` are the items added
   * or changed since, `removed` the items gone; the items it does not name are as they were. Applied only when every
   * entity of the scan, and no other, was last collected by that scan; otherwise nothing is written and the result
   * asks for the full inventory (needsFullInventory).
   */
  baseScanId?: string;
  /**
   * Entities of `entityIds` the machine would not read (the Vigil host's allow-list): their errors and states are
   * written, and their items stay as last read, neither diffed nor removed (not reading is not a deletion).
   */
  unreadEntityIds?: readonly string[];
  /**
   * The items the agent no longer found, with their package facts (the attribution of those recorded as Removed); of
   * a delta, what is removed.
   */
  removed?: readonly RemovedEntry[];
  errors: readonly ScanError[];
  /**
   * Uploaded file content by SHA-256 (at most 5 MB a file). An entry may name a contentSha256 only when its machine
   * uploaded those bytes, here or in an earlier scan; any other is dropped (see ownContent).
   */
  contents?: ReadonlyMap<string, Uint8Array>;
  /**
   * entries[i]'s fingerprint (entryFingerprint), when the caller computed it: the web process does on its main thread,
   * off the SQLite commit thread, whose time is ingestion's limit there.
   */
  fingerprints?: readonly string[];
  /**
   * The workspace's configuration version the scan was made with. When an edit lands while the scan runs, the
   * scan is discarded (the next pass rescans): it could otherwise re-baseline an entity with its old path.
   */
  configVersion?: number;
};

export type CommitResult = {
  duplicate: boolean;
  /** The workspace's FIM was disabled while the scan ran, or a delta could not apply: nothing was written. */
  discarded?: boolean;
  /** A delta whose base is not what its entities were last collected by: the agent sends the full inventory. */
  needsFullInventory?: boolean;
  changes: number;
  baselined: number;
  removedSilently: number;
  /** Entries whose contentSha256 was dropped: content their machine never uploaded. */
  contentRefused: number;
};

export const NOTHING = { changes: 0, baselined: 0, removedSilently: 0, contentRefused: 0 };

/**
 * The one write path of collected data. In one transaction: the change records (the diff of the machine's last
 * inventory and this one), the new inventory, the per-entity collection state, the scan row and the machine's
 * health. A crash at any point leaves the last committed inventory, so the next scan finds the same changes
 * again: nothing is lost, and the scan id keeps a resent report from being counted twice.
 */
export async function commitScan(db: Db, report: ScanReport, opts: { attempts?: number } = {}): Promise<CommitResult> {
  try {
    return await writeRawTransaction(db, async (tx) => commitInTx(tx, await lockMachine(tx, report.machineId), report), {
      timeout: 120_000,
      attempts: opts.attempts ?? 5,
    });
  } catch (err) {
    // Two deliveries of one scan racing: the loser hits the scan id's primary key. Whatever failed, a scan id that is
    // now committed means the report is in.
    if (isUniqueViolation(err) && (await db.scan.findUnique({ where: { id: report.scanId }, select: { id: true } }))) {
      return { duplicate: true, ...NOTHING };
    }
    throw err;
  }
}

/**
 * Several scans of one machine in one transaction, in order: the history backfill writes a month of scans this
 * way, through the same steps as live collection, without paying a transaction per scan.
 */
export async function commitScans(db: Db, machineId: string, reports: readonly ScanReport[]): Promise<CommitResult[]> {
  return writeRawTransaction(
    db,
    async (tx) => {
      const machine = await lockMachine(tx, machineId);
      const results: CommitResult[] = [];
      for (const r of reports) results.push(await commitInTx(tx, machine, { ...r, machineId }));
      return results;
    },
    { timeout: 600_000, attempts: 5 },
  );
}

/** One scan, in a transaction that holds the machine's lock. */
export async function commitInTx(tx: RawTx, machine: LockedMachine, report: ScanReport): Promise<CommitResult> {
  // Judged against the configuration as it is now: disabling FIM stops collection at once, and an entity deleted
  // or switched off while the scan ran (or one of another workspace) is not recorded.
  // A delta reads only the stored rows of the items it names: the others are as they were.
  const delta = report.baseScanId !== undefined;
  const deltaKeys = delta ? new Set([...report.entries, ...(report.removed ?? [])].map((e) => e.itemKey)) : undefined;
  const { duplicate, workspace, covered, states, previousRows, baseEntities } = await judgeScan(tx, machine, report, deltaKeys);
  if (duplicate) return { duplicate: true, ...NOTHING };
  if (!workspace?.fimEnabled) return { duplicate: false, discarded: true, ...NOTHING };
  if (report.configVersion !== undefined && report.configVersion !== workspace.configVersion) {
    return { duplicate: false, discarded: true, ...NOTHING };
  }
  if (delta && !deltaApplies(report, covered, baseEntities))
    return { duplicate: false, discarded: true, needsFullInventory: true, ...NOTHING };
  const baselined = new Set(states.map((s) => s.entityId));
  const { entries, refused } = await ownContent(tx, machine.id, report);

  // One item, many rules: an item is identified by its key alone, whichever entity owns it (the first that
  // matches). So adding, editing, disabling or deleting an entity never records a change for an item whose state
  // did not change: an item another entity took over is compared with what was known of it, not Added or Removed.
  // - An entry with a known row is compared with it, unless the row is its own entity's and that entity takes a
  //   fresh baseline (its collected state was reset by an edit): then it is replaced silently.
  // - An entry without a row is Added when its entity has a baseline on this machine, else it is baseline.
  // - A row no entry matches is Removed when its entity is live and has a baseline; otherwise (the entity was
  //   deleted, disabled or reset) it leaves the inventory silently: the user stopped tracking it.
  const rowsByKey = new Map(previousRows.map((r) => [r.itemKey, r]));
  // The first scan with the extended attribute set after an inventory recorded without it (an upgrade): folders
  // and links, which were not items before, are its baseline, not a flood of Added.
  const upgrading = !delta && report.changeType === "Files" && previousRows.length > 0 && previousRows.every((r) => r.fileType == null);
  const newKind = (e: InventoryEntry) => upgrading && (e.fileType === "directory" || e.fileType === "symlink");
  const seen = new Set<string>();
  const current: InventoryEntry[] = [];
  const baseline: InventoryEntry[] = [];
  // Entries whose stored row differs (or that have none): the only ones diffed and written.
  const moved: InventoryEntry[] = [];
  const changedRows: InventoryKey[] = [];
  const matched = new Set<string>();
  const stored = new Map<InventoryEntry, Prisma.InventoryItemCreateManyInput>();
  const fingerprint = new Map<InventoryEntry, string>();
  // The caller's fingerprint of an entry ownContent left as it was; an entry it changed is fingerprinted here.
  const fingerprintAt = (i: number) => {
    const e = entries[i];
    const f = report.fingerprints && e === report.entries[i] ? report.fingerprints[i] : entryFingerprint(e);
    fingerprint.set(e, f);
    return f;
  };
  const storedOf = (e: InventoryEntry) => {
    let data = stored.get(e);
    if (!data) {
      data = inventoryData(machine.id, e);
      data.fingerprint = fingerprint.get(e) ?? entryFingerprint(e);
      stored.set(e, data);
    }
    return data;
  };
  // Items of entities the machine did not read (refused by the host's read policy) are kept as they were.
  const unread = new Set(report.unreadEntityIds);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.changeType !== report.changeType || !e.entityId || !covered.has(e.entityId) || unread.has(e.entityId) || seen.has(e.itemKey))
      continue;
    seen.add(e.itemKey); // an item matched by two entities belongs to the first
    const row = rowsByKey.get(e.itemKey);
    const fresh = !baselined.has(e.entityId);
    if (row && !(fresh && row.entityId === e.entityId)) {
      current.push(e);
      matched.add(row.itemKey);
      if (fingerprintAt(i) === row.fingerprint) continue; // the same stored fields: nothing to diff or write
      changedRows.push(row);
      moved.push(e);
    } else {
      fingerprintAt(i); // stored with the new row
      if (!row && !fresh && !newKind(e)) {
        current.push(e);
        moved.push(e);
      } else baseline.push(e);
    }
  }
  const removedRows = previousRows.filter(
    (r) => !seen.has(r.itemKey) && r.entityId && covered.has(r.entityId) && baselined.has(r.entityId) && !unread.has(r.entityId),
  );
  for (const r of removedRows) matched.add(r.itemKey);
  const kept = previousRows.filter(
    (r) => !matched.has(r.itemKey) && !seen.has(r.itemKey) && r.entityId && covered.has(r.entityId) && unread.has(r.entityId),
  );
  const keptKeys = new Set(kept.map((r) => r.itemKey));
  const dropped = previousRows.filter((r) => !matched.has(r.itemKey) && !keptKeys.has(r.itemKey));
  // Full rows only of the items that moved: the changed and the removed.
  const previous = await readInventoryRows(
    tx,
    machine.id,
    report.changeType,
    [...changedRows, ...removedRows].map((r) => r.itemKey),
  );

  const drafts = diffInventories(previous.map(toEntry), moved);
  const attributions = attributionsFor(drafts, moved, report.removed);
  const expected = await expectedByRules(tx, machine, report.finishedAt, drafts, attributions, new Date());
  const ids = drafts.map(() => newId());
  await insertRows(
    tx,
    "ChangeRecord",
    RECORD_COLUMNS,
    drafts.map((d, seq) => {
      const row: Record<string, unknown> = {
        reviewState: "Unreviewed",
        ...d,
        ...attributions[seq],
        ...expected[seq],
        id: ids[seq],
        fieldsChanged: d.fieldsChanged.join(", "),
        workspaceId: machine.workspaceId,
        machineId: machine.id,
        computer: machine.name,
        timeGenerated: report.finishedAt,
        scanId: report.scanId,
        seq,
      };
      return RECORD_COLUMNS.map((c) => (row[c] ?? null) as SqlValue);
    }),
  );
  // The scan's change records are inserted (ids[i] is drafts[i]'s): anything that must act on them in the same
  // transaction (rule history, counts, alerts) goes from here on.
  await raiseAlerts(tx, {
    workspaceId: machine.workspaceId,
    machineId: machine.id,
    computer: machine.name,
    time: report.finishedAt,
    changes: drafts.map((d, i) => ({
      ...d,
      id: ids[i],
      attribution: attributions[i].attribution ?? null,
      reviewState: expected[i].reviewState ?? "Unreviewed",
    })),
  });
  await writeRuleHistory(tx, machine.workspaceId, report.finishedAt, ids, expected);

  // The inventory moves to the new state, touching only what changed: rows that left or changed are deleted, new
  // and changed entries inserted (two statements, however many items changed).
  const removeKeys = [...dropped, ...removedRows, ...changedRows].map((r) => r.itemKey);
  await replaceInventory(tx, machine.id, report.changeType, removeKeys, [...baseline, ...moved].map(storedOf));

  await writeContents(tx, machine.id, report);
  // A delta's counts move from the stored ones: the rows it named leave their entity's, its entries join theirs.
  const counts = delta
    ? countByEntity([...current, ...baseline], countByEntity(previousRows, new Map(states.map((st) => [st.entityId, st.itemCount])), -1))
    : countByEntity([...current, ...baseline, ...kept]);
  const stateWrites = entityStateWrites(machine.id, report, covered, states, counts);
  const itemsScanned = delta ? [...covered].reduce((n, id) => n + (counts.get(id) ?? 0), 0) : current.length + baseline.length;
  const reviews = drafts.map((_, i) => ({
    reviewState: expected[i].reviewState ?? "Unreviewed",
    attribution: attributions[i].attribution,
  }));
  // The scan's last writes, independent of one another, in one round trip on PostgreSQL (executeAll). The hourly
  // counts are among them: on PostgreSQL their workspace-wide sums (kept by triggers, 8 rows an hour for all machines)
  // are written by every scan of the workspace, and a row's lock is held until COMMIT, so the concurrent commits of
  // other machines queue on them for as short a time as possible.
  await tx.executeAll([
    ...stateWrites,
    scanRowInsert(report, machine.id, itemsScanned, drafts.length),
    machineHealthUpdate(report, machine.id, delta ? "stored" : [...current, ...baseline]),
    reviewCountsUpsert(machine, report.finishedAt, reviews),
    changeCountsUpsert(
      machine,
      report.changeType,
      report.finishedAt,
      drafts.map((d) => d.category),
    ),
  ]);
  return { duplicate: false, changes: drafts.length, baselined: baseline.length, removedSilently: dropped.length, contentRefused: refused };
}

/**
 * A delta applies when its base scan is the one that last collected every entity of the report and no other entity of
 * the machine: the stored inventory is then the base's, and the items the delta does not name are as they were.
 */
function deltaApplies(report: ScanReport, covered: ReadonlySet<string>, baseEntities: ReadonlySet<string>): boolean {
  if (report.unreadEntityIds?.length || baseEntities.size === 0) return false;
  if (covered.size !== new Set(report.entityIds).size || baseEntities.size !== covered.size) return false;
  for (const id of covered) if (!baseEntities.has(id)) return false;
  return true;
}
