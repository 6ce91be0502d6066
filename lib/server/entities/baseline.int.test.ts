import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import type { TCurrentUser } from "../session";
import { seedDemoTenant } from "../seed/seed";
import { deleteEntity } from "./delete-entity";
import { listEntities } from "./list-entities";
import { previewEntityRule } from "./preview";
import { createEntity, updateEntity } from "./save-entity";
import { fakeBaseline, linuxFile, refusal, userByEmail, workspaceId } from "./testing";

let t: TestDb;
let owner: TCurrentUser;
let ws: string;
const LINUX_HOST = { name: "portal-host", platform: "linux" as const };

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  owner = await userByEmail(t.db, "owner@contoso.com");
  ws = await workspaceId(t.db, "contoso-prod-eastus");
});
afterAll(() => t.drop());

const version = async () => (await t.db.workspace.findUniqueOrThrow({ where: { id: ws } })).configVersion;
const stateOf = async (entityId: string) => ({
  states: await t.db.entityCollectionState.count({ where: { entityId } }),
  items: await t.db.inventoryItem.count({ where: { entityId } }),
});
const lastAudit = () => t.db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws }, orderBy: { at: "desc" } });

describe("saving", () => {
  it("adds an entity, bumps the configuration version and audits it", async () => {
    const v = await version();
    const e = await createEntity(t.db, owner, ws, linuxFile("/opt/app/*.conf", { itemName: "app conf", group: "App" }));
    expect(e).toMatchObject({ kind: "LINUX_FILE", enabled: true, links: "FOLLOW", recommended: false, group: "App" });
    expect(await version()).toBe(v + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "entity.create", targetType: "entity", targetId: e.id, actorEmail: "owner@contoso.com" });
    expect(audit.summary).toBe(`Added Linux Files entry "app conf" (/opt/app/*.conf)`);
    expect(JSON.parse(audit.detailsJson).entity).toMatchObject({ path: "/opt/app/*.conf", pathType: "FILE" });
  });

  it("stores registry keys with the long hive name", async () => {
    const e = await createEntity(t.db, owner, ws, {
      kind: "WINDOWS_REGISTRY",
      itemName: "lsa",
      path: "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa",
      recursion: true,
    });
    expect(e.path).toBe("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa");
  });

  it("does nothing (no version, no audit) when nothing changed", async () => {
    const e = await createEntity(t.db, owner, ws, linuxFile("/srv/same.conf"));
    const [v, audits] = [await version(), await t.db.auditEvent.count({ where: { workspaceId: ws } })];
    await updateEntity(t.db, owner, ws, e.id, { itemName: e.itemName, version: e.updatedAt });
    expect([await version(), await t.db.auditEvent.count({ where: { workspaceId: ws } })]).toEqual([v, audits]);
  });

  it("refuses an edit made on a stale version, naming the entry", async () => {
    const e = await createEntity(t.db, owner, ws, linuxFile("/srv/stale.conf"));
    await updateEntity(t.db, owner, ws, e.id, { group: "Someone else's", version: e.updatedAt });
    const err = await refusal(updateEntity(t.db, owner, ws, e.id, { itemName: "mine", version: e.updatedAt }));
    expect(err).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/"stale.conf" was changed by someone else after you opened it/),
    });
  });
});

describe("baseline reset", () => {
  it("keeps the baseline for a rename, resets it in the same save when the path changes, and audits both", async () => {
    const e = await createEntity(t.db, owner, ws, linuxFile("/etc/nginx/*.conf", { itemName: "nginx" }));
    const planted = await fakeBaseline(t.db, ws, e.id, ["/etc/nginx/nginx.conf", "/etc/nginx/mime.conf"]);
    expect(planted.machines).toBe(2);

    const renamed = await updateEntity(t.db, owner, ws, e.id, { itemName: "nginx config", version: e.updatedAt });
    expect(await stateOf(e.id)).toEqual({ states: 2, items: 4 });
    const rename = await lastAudit();
    expect(rename.summary).toBe(`Edited Linux Files entry "nginx config" (/etc/nginx/*.conf): Item Name`);
    expect(JSON.parse(rename.detailsJson)).toEqual({ kind: "LINUX_FILE", changes: { itemName: { from: "nginx", to: "nginx config" } } });

    const v = await version();
    const moved = await updateEntity(t.db, owner, ws, e.id, { path: "/etc/nginx/sites-enabled/*", version: renamed.updatedAt });
    expect(moved.path).toBe("/etc/nginx/sites-enabled/*");
    // The items stay until the next scan judges them (taken over by another entity, or dropped silently).
    expect(await stateOf(e.id)).toEqual({ states: 0, items: 4 });
    expect(await version()).toBe(v + 1);
    const details = JSON.parse((await lastAudit()).detailsJson);
    expect(details.changes.path).toEqual({ from: "/etc/nginx/*.conf", to: "/etc/nginx/sites-enabled/*" });
    expect(details.baselineReset).toEqual({ machines: 2, items: 4 });
  });

  it("resets on Recursion, Links, Use Sudo and Enabled, but not on Group, frequency or content upload", async () => {
    const e = await createEntity(t.db, owner, ws, linuxFile("/var/www/*.php", { itemName: "php" }));
    for (const [patch, resets] of [
      [{ group: "Web" }, false],
      [{ uploadContent: true }, false],
      [{ recursion: true }, true],
      [{ links: "IGNORE" as const }, true],
      [{ useSudo: true }, true],
      [{ enabled: false }, true],
      [{ enabled: true }, true],
    ] as const) {
      await t.db.entityCollectionState.deleteMany({ where: { entityId: e.id } });
      await t.db.inventoryItem.deleteMany({ where: { entityId: e.id } });
      await fakeBaseline(t.db, ws, e.id, ["/var/www/index.php"]);
      await updateEntity(t.db, owner, ws, e.id, patch);
      expect({ patch, ...(await stateOf(e.id)) }).toEqual({ patch, ...(resets ? { states: 0, items: 2 } : { states: 2, items: 2 }) });
    }
    const upload = await t.db.auditEvent.findFirstOrThrow({
      where: { targetId: e.id, summary: { startsWith: "Turned on content upload" } },
    });
    expect(upload.summary).toBe(`Turned on content upload for Linux Files entry "php" (/var/www/*.php)`);
    expect(await t.db.auditEvent.count({ where: { targetId: e.id, summary: { startsWith: "Disabled Linux Files entry" } } })).toBe(1);
  });

  it("deletes an entity with its baseline (its items leave at the next scan), keeps its change history, and audits it", async () => {
    const e = await createEntity(t.db, owner, ws, linuxFile("/etc/app.ini"));
    await fakeBaseline(t.db, ws, e.id, ["/etc/app.ini"]);
    const machine = await t.db.machine.findFirstOrThrow({ where: { workspaceId: ws } });
    await t.db.changeRecord.create({
      data: {
        workspaceId: ws,
        machineId: machine.id,
        computer: machine.name,
        timeGenerated: new Date(),
        changeType: "Files",
        category: "Modified",
        target: "/etc/app.ini",
        entityId: e.id,
        scanId: `scan-${e.id}`,
        seq: 0,
      },
    });
    const v = await version();
    await deleteEntity(t.db, owner, ws, e.id);
    expect(await t.db.trackedEntity.findUnique({ where: { id: e.id } })).toBeNull();
    expect(await stateOf(e.id)).toEqual({ states: 0, items: 2 });
    expect(await t.db.changeRecord.findFirstOrThrow({ where: { scanId: `scan-${e.id}` } })).toMatchObject({ entityId: null });
    expect(await version()).toBe(v + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "entity.delete", targetId: e.id, summary: `Deleted Linux Files entry "app.ini" (/etc/app.ini)` });
    expect(JSON.parse(audit.detailsJson).baselineDropped).toEqual({ machines: 2, items: 2 });
  });

  it("lists the collection status of each entity from the scanner's per-machine state", async () => {
    const e = await createEntity(t.db, owner, ws, linuxFile("/etc/status/*.conf"));
    await fakeBaseline(t.db, ws, e.id, ["/etc/status/a.conf", "/etc/status/b.conf"]);
    await t.db.entityCollectionState.updateMany({ where: { entityId: e.id }, data: { lastError: "limit reached: 500 files" } });
    const listed = (await listEntities(t.db, owner, ws)).entities.find((x) => x.id === e.id);
    expect(listed?.collection).toMatchObject({
      machines: 2,
      items: 4,
      failingCount: 2,
      failing: [{ error: "limit reached: 500 files" }, { error: "limit reached: 500 files" }],
    });
  });
});

describe("preview", () => {
  it("counts the files a Linux rule matches in what the workspace's machines reported, for editors only", async () => {
    const machine = await t.db.machine.findFirstOrThrow({ where: { workspaceId: ws, osFamily: "LINUX" }, orderBy: { name: "asc" } });
    await t.db.inventoryItem.createMany({
      data: ["a.conf", "b.conf", "c.txt"].map((f) => ({
        machineId: machine.id,
        changeType: "Files" as const,
        itemKey: `/opt/preview/${f}`,
      })),
    });
    const rule = { kind: "LINUX_FILE", path: "/opt/preview/*.conf", pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false };
    const res = await previewEntityRule(t.db, owner, ws, rule, LINUX_HOST);
    expect(res).toMatchObject({ supported: true, count: 2, truncated: false, sample: ["/opt/preview/a.conf", "/opt/preview/b.conf"] });
    expect(res.supported && res.machines.find((m) => m.name === machine.name)).toMatchObject({ source: "inventory", count: 2 });
    const reader = await userByEmail(t.db, "reader@contoso.com");
    expect(await refusal(previewEntityRule(t.db, reader, ws, rule, LINUX_HOST))).toMatchObject({ code: "forbidden" });
  });

  it("refuses too-general paths as validation does, and says Windows rules are not previewed here", async () => {
    const err = await refusal(
      previewEntityRule(
        t.db,
        owner,
        ws,
        { kind: "LINUX_FILE", path: "/*", pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false },
        LINUX_HOST,
      ),
    );
    expect(err).toMatchObject({ code: "validation_failed", fields: [{ field: "path", message: expect.stringMatching(/too general/) }] });
    const win = await previewEntityRule(
      t.db,
      owner,
      ws,
      { kind: "WINDOWS_FILE", path: "C:\\Windows\\*.ini", pathType: "FILE", recursion: false, links: null, useSudo: false },
      LINUX_HOST,
    );
    expect(win).toMatchObject({ supported: false, reason: expect.stringMatching(/^Windows paths can't be previewed/) });
    const proc = await previewEntityRule(
      t.db,
      owner,
      ws,
      { kind: "LINUX_FILE", path: "/proc/self", pathType: "DIRECTORY", recursion: true, links: "FOLLOW", useSudo: false },
      LINUX_HOST,
    );
    expect(proc).toMatchObject({ supported: false, reason: expect.stringMatching(/virtual file systems/) });
  });
});
