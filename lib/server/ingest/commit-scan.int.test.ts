import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { filesScan } from "@/lib/testing/inventory";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "../seed/seed";
import { commitScan, type ScanReport } from "./commit-scan";

let t: TestDb;
let machineId: string;
let etcConf: string;
let usrBin: string;
let n = 0;

const file = (entityId: string, path: string, sha: string, extra: Partial<InventoryEntry> = {}): InventoryEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId,
  size: 100n,
  sha256: sha,
  acls: "-rw-r--r-- uid=0 gid=0",
  inode: 7n,
  dateModified: new Date("2026-11-01T00:00:00Z"),
  ...extra,
});
const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 12, min));

function report(entries: InventoryEntry[], extra: Partial<ScanReport> = {}): ScanReport {
  n += 1;
  return filesScan(`scan-${n}`, machineId, at(n), [etcConf, usrBin], entries, extra);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const m = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
  machineId = m.id;
  etcConf = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/etc/*.conf" } })).id;
  usrBin = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/usr/bin" } })).id;
});
afterAll(() => t.drop());

const records = () => t.db.changeRecord.findMany({ where: { machineId }, orderBy: [{ timeGenerated: "asc" }, { seq: "asc" }] });

describe("commitScan", () => {
  it("takes the first scan of an entity as its baseline: no change records", async () => {
    const res = await commitScan(t.db, report([file(etcConf, "/etc/a.conf", "a1"), file(usrBin, "/usr/bin/ls", "l1")]));
    expect(res).toMatchObject({ duplicate: false, changes: 0, baselined: 2 });
    expect(await records()).toHaveLength(0);
    expect(await t.db.inventoryItem.count({ where: { machineId } })).toBe(2);
    const m = await t.db.machine.findUniqueOrThrow({ where: { id: machineId } });
    expect(m).toMatchObject({ collectionStatus: "HEALTHY", lastError: null });
  });

  it("records Added, Modified and Removed with the fields that changed, at the scan's time", async () => {
    const r = report([file(etcConf, "/etc/a.conf", "a2", { size: 120n }), file(etcConf, "/etc/b.conf", "b1")]);
    const res = await commitScan(t.db, r);
    expect(res.changes).toBe(3);
    const got = (await records()).map((c) => [c.category, c.target, c.fieldsChanged]);
    expect(got).toEqual([
      ["Modified", "/etc/a.conf", "Size, FileContentChecksum"],
      ["Added", "/etc/b.conf", ""],
      ["Removed", "/usr/bin/ls", ""],
    ]);
    const modified = (await records())[0];
    expect(modified).toMatchObject({
      previousSha256: "a1",
      sha256: "a2",
      previousSize: 100n,
      size: 120n,
      computer: "web-eus-01",
      entityId: etcConf,
    });
    expect(modified.timeGenerated.toISOString()).toBe(r.finishedAt.toISOString());
    const inventory = await t.db.inventoryItem.findMany({ where: { machineId }, orderBy: { itemKey: "asc" } });
    expect(inventory.map((i) => [i.itemKey, i.sha256])).toEqual([
      ["/etc/a.conf", "a2"],
      ["/etc/b.conf", "b1"],
    ]);
  });

  it("commits a resent scan once", async () => {
    const r = report([file(etcConf, "/etc/a.conf", "a3"), file(etcConf, "/etc/b.conf", "b1")]);
    expect((await commitScan(t.db, r)).changes).toBe(1);
    const again = await Promise.all([commitScan(t.db, r), commitScan(t.db, r)]);
    expect(again.every((x) => x.duplicate)).toBe(true);
    expect(await t.db.changeRecord.count({ where: { scanId: r.scanId } })).toBe(1);
  });

  it("answers duplicate for a scan id already committed, even under another machine, and writes nothing", async () => {
    const r = report([file(etcConf, "/etc/a.conf", "a4"), file(etcConf, "/etc/b.conf", "b1")]);
    await commitScan(t.db, r);
    const other = await t.db.machine.findFirstOrThrow({ where: { id: { not: machineId }, osFamily: "LINUX" } });
    const before = await t.db.changeRecord.count();
    expect(await commitScan(t.db, { ...r, machineId: other.id })).toMatchObject({ duplicate: true, changes: 0 });
    expect(await t.db.changeRecord.count()).toBe(before);
  });

  it("keeps the hourly counts equal to the records, per hour, type and category", async () => {
    const counts = await t.db.changeCount.findMany({ where: { machineId } });
    const recs = await records();
    const key = (hour: number, type: string, category: string) => `${hour} ${type} ${category}`;
    const expected = new Map<string, number>();
    for (const c of recs) {
      const k = key(Math.floor(c.timeGenerated.getTime() / 3_600_000) * 3_600_000, c.changeType, c.category);
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(new Map(counts.map((c) => [key(c.hour.getTime(), c.changeType, c.category), c.count]))).toEqual(expected);
  });

  it("drops items of an entity no longer tracked without calling them Removed", async () => {
    const before = (await records()).length;
    const res = await commitScan(t.db, report([], { entityIds: [usrBin] }));
    expect(res).toMatchObject({ changes: 0, removedSilently: 2 });
    expect(await records()).toHaveLength(before);
    expect(await t.db.inventoryItem.count({ where: { machineId } })).toBe(0);
  });

  it("shows collection errors on the machine and its entity, and stores uploaded content", async () => {
    const content = new TextEncoder().encode("PermitRootLogin no\n");
    await commitScan(
      t.db,
      report([file(usrBin, "/usr/bin/ssh", "s1", { contentSha256: "c1" })], {
        entityIds: [usrBin],
        errors: [{ entityId: usrBin, path: "/usr/bin/secret", message: "permission denied" }],
        contents: new Map([["c1", content]]),
      }),
    );
    const m = await t.db.machine.findUniqueOrThrow({ where: { id: machineId } });
    expect(m).toMatchObject({ collectionStatus: "WARNING", lastError: "/usr/bin/secret: permission denied" });
    const state = await t.db.entityCollectionState.findUniqueOrThrow({ where: { machineId_entityId: { machineId, entityId: usrBin } } });
    expect(state).toMatchObject({ lastError: "/usr/bin/secret: permission denied", itemCount: 1 });
    const blob = await t.db.contentBlob.findUniqueOrThrow({ where: { sha256: "c1" } });
    expect(Buffer.from(blob.data).toString()).toBe("PermitRootLogin no\n");
  });

  it("writes nothing once FIM is disabled on the workspace, even for a scan already under way", async () => {
    const m = await t.db.machine.findUniqueOrThrow({ where: { id: machineId } });
    await t.db.workspace.update({ where: { id: m.workspaceId }, data: { fimEnabled: false } });
    const before = await t.db.changeRecord.count();
    const res = await commitScan(t.db, report([file(usrBin, "/usr/bin/new", "n1")], { entityIds: [usrBin] }));
    expect(res).toMatchObject({ discarded: true, changes: 0 });
    expect(await t.db.changeRecord.count()).toBe(before);
    await t.db.workspace.update({ where: { id: m.workspaceId }, data: { fimEnabled: true } });
  });
});

describe("commitScan: bounded trust", () => {
  it("keeps the machine's last full verification: the oldest verification of its hashed files, once all are known", async () => {
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-02" } });
    const ent = (path: string) => t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path } });
    const ids = [(await ent("/etc/*.conf")).id, (await ent("/usr/bin")).id];
    const scan = (entries: InventoryEntry[]) => report(entries, { machineId: m.id, entityIds: ids });
    const verified = async () => (await t.db.machine.findUniqueOrThrow({ where: { id: m.id } })).lastFullVerificationAt;
    const folder: InventoryEntry = { changeType: "Files", itemKey: "/usr/bin", entityId: ids[1], fileType: "directory" };

    // One file never verified (an older agent): nothing can be said yet.
    await commitScan(t.db, scan([file(ids[0], "/etc/a.conf", "a1", { verifiedAt: at(1) }), file(ids[1], "/usr/bin/ls", "l1"), folder]));
    expect(await verified()).toBeNull();
    await commitScan(
      t.db,
      scan([file(ids[0], "/etc/a.conf", "a1", { verifiedAt: at(5) }), file(ids[1], "/usr/bin/ls", "l1", { verifiedAt: at(3) }), folder]),
    );
    expect(await verified()).toEqual(at(3));
  });
});

describe("commitScan: upgrading to the extended attribute set", () => {
  it("takes folders and links as baseline on the first scan that records them, then reports them", async () => {
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "api-eus-01" } });
    const usrBinId = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: m.workspaceId, path: "/usr/bin" } })).id;
    const scan = (entries: InventoryEntry[]) => report(entries, { machineId: m.id, entityIds: [usrBinId] });
    const typed = (path: string, fileType: string, extra: Partial<InventoryEntry> = {}): InventoryEntry => ({
      changeType: "Files",
      itemKey: path,
      entityId: usrBinId,
      fileType,
      ...extra,
    });
    // An inventory recorded before folders and links were items.
    await commitScan(t.db, scan([file(usrBinId, "/usr/bin/ls", "l1")]));
    const upgraded = await commitScan(
      t.db,
      scan([file(usrBinId, "/usr/bin/ls", "l1", { fileType: "file" }), typed("/usr/bin", "directory"), typed("/usr/bin/vi", "symlink")]),
    );
    expect(upgraded.changes).toBe(0);
    const next = await commitScan(
      t.db,
      scan([
        file(usrBinId, "/usr/bin/ls", "l1", { fileType: "file" }),
        typed("/usr/bin", "directory"),
        typed("/usr/bin/vi", "symlink"),
        typed("/usr/bin/new", "directory"),
      ]),
    );
    expect(next.changes).toBe(1);
  });
});
