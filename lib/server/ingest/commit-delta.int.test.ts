import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { filesScan } from "@/lib/testing/inventory";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "../seed/seed";
import { commitScan, type ScanReport } from "./commit-scan";

// A delta report (baseScanId) names only what moved since the scan the server last committed; the server then
// writes exactly what the full inventory would have written, or, when its base is not that scan, nothing.

let t: TestDb;
let full: string; // a machine sent full inventories
let delta: string; // a machine of the same workspace sent the same scans as deltas
let etcConf: string;
let usrBin: string;
let n = 0;

const at = (k: number) => new Date(Date.UTC(2026, 10, 20, 12, k));
const file = (entityId: string, path: string, version: number, verified: number): InventoryEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId,
  size: BigInt(100 + version),
  sha256: `sha-${path}-${version}`,
  acls: "-rw-r--r-- uid=0 gid=0",
  inode: 7n,
  dateModified: at(version),
  verifiedAt: at(verified),
});

function report(machineId: string, entries: InventoryEntry[], extra: Partial<ScanReport> = {}): ScanReport {
  n += 1;
  return filesScan(`delta-test-${n}`, machineId, at(n), [etcConf, usrBin], entries, extra);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const a = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
  const b = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-02" } });
  full = a.id;
  delta = b.id;
  etcConf = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: a.workspaceId, path: "/etc/*.conf" } })).id;
  usrBin = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: a.workspaceId, path: "/usr/bin" } })).id;
});
afterAll(() => t.drop());

/** What a user sees of a machine: its change records, inventory, entity states, scans and verification. */
async function written(machineId: string) {
  const [records, items, states, scans, machine] = await Promise.all([
    t.db.changeRecord.findMany({ where: { machineId }, orderBy: [{ timeGenerated: "asc" }, { seq: "asc" }] }),
    t.db.inventoryItem.findMany({ where: { machineId }, orderBy: { itemKey: "asc" } }),
    t.db.entityCollectionState.findMany({ where: { machineId }, orderBy: { entityId: "asc" } }),
    t.db.scan.findMany({ where: { machineId }, orderBy: { finishedAt: "asc" } }),
    t.db.machine.findUniqueOrThrow({ where: { id: machineId } }),
  ]);
  return {
    records: records.map((r) => [r.category, r.target, r.fieldsChanged, r.entityId, r.previousSha256, r.sha256, r.timeGenerated]),
    items: items.map((i) => [i.itemKey, i.entityId, i.sha256, i.size, i.verifiedAt, i.fingerprint]),
    states: states.map((s) => [s.entityId, s.itemCount, s.lastScanAt, s.lastError]),
    scans: scans.map((s) => [s.itemsScanned, s.changesFound, s.finishedAt]),
    verified: machine.lastFullVerificationAt,
  };
}

/** A small deterministic walk: each scan modifies, adds and removes a few files of both entities. */
function* walk(scans: number) {
  const items = new Map<string, InventoryEntry>();
  let next = 0;
  const add = (k: number, scan: number) => {
    const entity = k % 3 === 0 ? usrBin : etcConf;
    const path = entity === usrBin ? `/usr/bin/tool${k}` : `/etc/app${k}.conf`;
    items.set(path, file(entity, path, 0, scan));
  };
  for (let k = 0; k < 12; k++) add(next++, 0);
  yield { entries: [...items.values()], removed: [] as string[], moved: [...items.values()] };
  for (let s = 1; s <= scans; s++) {
    const keys = [...items.keys()];
    const moved: InventoryEntry[] = [];
    const removed = [keys[(s * 5) % keys.length]];
    items.delete(removed[0]);
    for (const key of [keys[(s * 7 + 1) % keys.length], keys[(s * 3 + 2) % keys.length]]) {
      const prev = items.get(key);
      if (!prev) continue;
      // Every other scan re-verifies a file without changing it: a delta carries it, no change is recorded.
      const e = s % 2 ? file(prev.entityId!, key, s, s) : { ...prev, verifiedAt: at(s) };
      items.set(key, e);
      moved.push(e);
    }
    add(next++, s);
    moved.push([...items.values()].at(-1)!);
    yield { entries: [...items.values()], removed, moved };
  }
}

describe("a delta report", () => {
  it("writes what the full inventory writes: the same change records, inventory, counts, scans and verification", async () => {
    let base: string | undefined;
    for (const step of walk(8)) {
      const r = await commitScan(t.db, report(full, step.entries));
      expect(r.discarded).toBeFalsy();
      const d = report(delta, base ? step.moved : step.entries, {
        startedAt: at(n),
        finishedAt: at(n),
        baseScanId: base,
        removed: base ? step.removed.map((itemKey) => ({ itemKey })) : undefined,
        scanId: `delta-${n}`,
      });
      const rd = await commitScan(t.db, d);
      expect(rd).toEqual(r);
      base = d.scanId;
    }
    const [a, b] = [await written(full), await written(delta)];
    expect(a.records.length).toBeGreaterThan(20);
    expect(a.verified).toEqual(at(0)); // files read at the first scan and never since
    expect(b).toEqual(a);
  });

  it("writes nothing when its base is not the scan its entities were last collected by, and asks for the full inventory", async () => {
    const before = await written(delta);
    const stale = report(delta, [file(etcConf, "/etc/app2.conf", 99, 99)], { baseScanId: "delta-test-1", removed: [] });
    expect(await commitScan(t.db, stale)).toEqual({
      duplicate: false,
      discarded: true,
      needsFullInventory: true,
      changes: 0,
      baselined: 0,
      removedSilently: 0,
      contentRefused: 0,
    });
    expect(await written(delta)).toEqual(before);
    // The same scan id sent again as the full inventory is committed.
    const whole = (await t.db.inventoryItem.findMany({ where: { machineId: delta } })).map(
      (i) => ({ ...i, changeType: "Files", entityId: i.entityId }) as unknown as InventoryEntry,
    );
    const again = {
      ...stale,
      baseScanId: undefined,
      entries: whole.map((e) => (e.itemKey === "/etc/app2.conf" ? { ...e, sha256: "new" } : e)),
    };
    expect(await commitScan(t.db, again)).toMatchObject({ duplicate: false, changes: 1 });
  });

  it("asks for the full inventory when an entity it covered before is not covered now, or one it covers is new", async () => {
    const last = await t.db.scan.findFirstOrThrow({ where: { machineId: delta }, orderBy: { finishedAt: "desc" } });
    const onlyEtc = report(delta, [], { baseScanId: last.id, removed: [], entityIds: [etcConf] });
    expect(await commitScan(t.db, onlyEtc)).toMatchObject({ discarded: true, needsFullInventory: true });
    const withNew = report(delta, [], { baseScanId: last.id, removed: [], entityIds: [etcConf, usrBin, "no-such-entity"] });
    expect(await commitScan(t.db, withNew)).toMatchObject({ discarded: true, needsFullInventory: true });
    const same = report(delta, [], { baseScanId: last.id, removed: [] });
    expect(await commitScan(t.db, same)).toEqual({ duplicate: false, changes: 0, baselined: 0, removedSilently: 0, contentRefused: 0 });
    expect(await commitScan(t.db, same)).toMatchObject({ duplicate: true });
  });
});
