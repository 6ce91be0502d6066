import "server-only";
import { diffInventories, type InventoryEntry } from "@/lib/domain/diff";
import type { ChangeType } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "../db";
import { notFound } from "../errors";
import { lockMachine, writeTransaction } from "../tx";

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
  /** The current inventory of those entities, each entry with its entityId. */
  entries: readonly InventoryEntry[];
  errors: readonly ScanError[];
  /** Uploaded file content by SHA-256 (at most 5 MB a file). */
  contents?: ReadonlyMap<string, Uint8Array>;
  /**
   * The workspace's configuration version the scan was made with. When an edit lands while the scan runs, the
   * scan is discarded (the next pass rescans): it could otherwise re-baseline an entity with its old path.
   */
  configVersion?: number;
};

export type CommitResult = {
  duplicate: boolean;
  /** The workspace's FIM was disabled while the scan ran: nothing was written. */
  discarded?: boolean;
  changes: number;
  baselined: number;
  removedSilently: number;
};

const NOTHING = { changes: 0, baselined: 0, removedSilently: 0 };

type Tx = Prisma.TransactionClient;
type InventoryRow = Prisma.InventoryItemGetPayload<object>;

const toEntry = (r: InventoryRow): InventoryEntry => r as unknown as InventoryEntry;

function inventoryData(machineId: string, e: InventoryEntry): Prisma.InventoryItemCreateManyInput {
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
  };
}

/** Big createMany calls are split: SQLite limits the number of bound variables in one statement. */
async function createInChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * The one write path of collected data. In one transaction: the change records (the diff of the machine's last
 * inventory and this one), the new inventory, the per-entity collection state, the scan row and the machine's
 * health. A crash at any point leaves the last committed inventory, so the next scan finds the same changes
 * again: nothing is lost, and the scan id keeps a resent report from being counted twice.
 */
export async function commitScan(db: Db, report: ScanReport): Promise<CommitResult> {
  const machine = await db.machine.findUnique({ where: { id: report.machineId }, select: { id: true, name: true, workspaceId: true } });
  if (!machine) throw notFound("The machine");

  try {
    return await writeTransaction(db, (tx) => commitInTx(tx, machine, report), { timeout: 120_000, attempts: 5 });
  } catch (err) {
    // Two deliveries of one scan racing: the loser hits the scan id's primary key.
    if ((err as { code?: string }).code === "P2002" && (await db.scan.findUnique({ where: { id: report.scanId } }))) {
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
  const machine = await db.machine.findUnique({ where: { id: machineId }, select: { id: true, name: true, workspaceId: true } });
  if (!machine) throw notFound("The machine");
  return writeTransaction(
    db,
    async (tx) => {
      const results: CommitResult[] = [];
      for (const r of reports) results.push(await commitInTx(tx, machine, { ...r, machineId }));
      return results;
    },
    { timeout: 600_000, attempts: 5 },
  );
}

async function commitInTx(tx: Tx, machine: { id: string; name: string; workspaceId: string }, report: ScanReport): Promise<CommitResult> {
  await lockMachine(tx, machine.id); // first: see writeTransaction
  if (await tx.scan.findUnique({ where: { id: report.scanId }, select: { id: true } })) {
    return { duplicate: true, ...NOTHING };
  }
  // Judged against the configuration as it is now: disabling FIM stops collection at once, and an entity deleted
  // or switched off while the scan ran (or one of another workspace) is not recorded.
  const workspace = await tx.workspace.findUnique({ where: { id: machine.workspaceId }, select: { fimEnabled: true, configVersion: true } });
  if (!workspace?.fimEnabled) return { duplicate: false, discarded: true, ...NOTHING };
  if (report.configVersion !== undefined && report.configVersion !== workspace.configVersion) {
    return { duplicate: false, discarded: true, ...NOTHING };
  }
  const live = await tx.trackedEntity.findMany({
    where: { id: { in: [...report.entityIds] }, workspaceId: machine.workspaceId, enabled: true },
    select: { id: true },
  });
  const covered = new Set(live.map((e) => e.id));
  const [previousRows, states] = await Promise.all([
    tx.inventoryItem.findMany({ where: { machineId: machine.id, changeType: report.changeType } }),
    tx.entityCollectionState.findMany({ where: { machineId: machine.id, entityId: { in: [...covered] } } }),
  ]);
  const baselined = new Set(states.map((s) => s.entityId));

  // Items of entities no longer tracked leave the inventory without a "Removed": the user stopped tracking them,
  // the machine did not delete them. Items of entities scanned for the first time are their baseline.
  const dropped = previousRows.filter((r) => !r.entityId || !covered.has(r.entityId));
  const previous = previousRows.filter((r) => r.entityId && baselined.has(r.entityId));
  const seen = new Set<string>();
  const current: InventoryEntry[] = [];
  const baseline: InventoryEntry[] = [];
  for (const e of report.entries) {
    if (e.changeType !== report.changeType || !e.entityId || !covered.has(e.entityId) || seen.has(e.itemKey)) continue;
    seen.add(e.itemKey); // an item matched by two entities belongs to the first
    (baselined.has(e.entityId) ? current : baseline).push(e);
  }

  const drafts = diffInventories(previous.map(toEntry), current);
  await createInChunks(
    drafts.map((d, seq) => ({
      ...d,
      fieldsChanged: d.fieldsChanged.join(", "),
      workspaceId: machine.workspaceId,
      machineId: machine.id,
      computer: machine.name,
      timeGenerated: report.finishedAt,
      scanId: report.scanId,
      seq,
    })),
    (chunk) => tx.changeRecord.createMany({ data: chunk }),
    100,
  );

  // The inventory moves to the new state, touching only what changed.
  const previousByKey = new Map(previous.map((r) => [r.itemKey, r]));
  const currentKeys = new Set(current.map((e) => e.itemKey));
  const removeIds = [...dropped, ...previous.filter((r) => !currentKeys.has(r.itemKey))].map((r) => r.id);
  const adds = [...baseline, ...current.filter((e) => !previousByKey.has(e.itemKey))];
  const updates = current.filter((e) => {
    const prev = previousByKey.get(e.itemKey);
    return prev && !sameStored(prev, inventoryData(machine.id, e));
  });
  await createInChunks(removeIds, (ids) => tx.inventoryItem.deleteMany({ where: { id: { in: ids } } }));
  await createInChunks(
    adds.map((e) => inventoryData(machine.id, e)),
    (chunk) => tx.inventoryItem.createMany({ data: chunk }),
  );
  for (const e of updates) {
    await tx.inventoryItem.update({ where: { id: previousByKey.get(e.itemKey)!.id }, data: inventoryData(machine.id, e) });
  }

  await writeContents(tx, report);
  await writeEntityStates(tx, machine.id, report, covered, states, [...current, ...baseline]);
  await tx.scan.create({
    data: {
      id: report.scanId,
      machineId: machine.id,
      changeType: report.changeType,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      status: "COMPLETED",
      itemsScanned: current.length + baseline.length,
      changesFound: drafts.length,
      errorCount: report.errors.length,
      errorsJson: JSON.stringify(report.errors.slice(0, 50)),
    },
  });
  await tx.machine.update({
    where: { id: machine.id },
    data: {
      lastReportAt: report.finishedAt,
      collectionStatus: report.errors.length ? "WARNING" : "HEALTHY",
      lastError: report.errors.length ? errorText(report.errors[0]) : null,
    },
  });
  return { duplicate: false, changes: drafts.length, baselined: baseline.length, removedSilently: dropped.length };
}

/** Whether a stored inventory row already holds exactly this entry (dates compared by instant). */
function sameStored(row: InventoryRow, data: Prisma.InventoryItemCreateManyInput): boolean {
  for (const [k, v] of Object.entries(data)) {
    const stored = (row as Record<string, unknown>)[k];
    if (v instanceof Date || stored instanceof Date) {
      if ((v as Date | null)?.getTime?.() !== (stored as Date | null)?.getTime?.()) return false;
    } else if ((v ?? null) !== (stored ?? null)) return false;
  }
  return true;
}

const errorText = (e: ScanError) => (e.path ? `${e.path}: ${e.message}` : e.message);

async function writeContents(tx: Tx, report: ScanReport) {
  if (!report.contents?.size) return;
  const known = new Set(
    (await tx.contentBlob.findMany({ where: { sha256: { in: [...report.contents.keys()] } }, select: { sha256: true } })).map((b) => b.sha256),
  );
  for (const [sha256, data] of report.contents) {
    if (known.has(sha256)) continue;
    await tx.contentBlob.create({ data: { sha256, size: data.byteLength, data: Buffer.from(data) } });
  }
}

async function writeEntityStates(
  tx: Tx,
  machineId: string,
  report: ScanReport,
  covered: Set<string>,
  states: { entityId: string; itemCount: number; lastError: string | null }[],
  entries: InventoryEntry[],
) {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.entityId!, (counts.get(e.entityId!) ?? 0) + 1);
  const errors = new Map<string, string>();
  for (const e of report.errors) if (e.entityId && !errors.has(e.entityId)) errors.set(e.entityId, errorText(e));
  const known = new Map(states.map((s) => [s.entityId, s]));
  const fresh = [...covered].filter((id) => !known.has(id));
  if (fresh.length) {
    await tx.entityCollectionState.createMany({
      data: fresh.map((entityId) => ({
        machineId,
        entityId,
        baselineAt: report.finishedAt,
        lastScanAt: report.finishedAt,
        itemCount: counts.get(entityId) ?? 0,
        lastError: errors.get(entityId) ?? null,
      })),
    });
  }
  // One statement stamps every entity; only those whose count or error moved get a row of their own.
  if (known.size) {
    await tx.entityCollectionState.updateMany({ where: { machineId, entityId: { in: [...known.keys()] } }, data: { lastScanAt: report.finishedAt } });
  }
  for (const [entityId, state] of known) {
    const itemCount = counts.get(entityId) ?? 0;
    const lastError = errors.get(entityId) ?? null;
    if (state.itemCount === itemCount && state.lastError === lastError) continue;
    await tx.entityCollectionState.update({ where: { machineId_entityId: { machineId, entityId } }, data: { itemCount, lastError } });
  }
}
