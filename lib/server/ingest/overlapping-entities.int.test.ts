// One item, many rules: a path, registry value or service tracked by several entities is one inventory item, so
// adding, editing, disabling or deleting an overlapping entity records no change for an item that did not change.
// Real services and the simulated Windows fleet, scanned through the collector as the worker does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeType } from "@/lib/domain/types";
import { simulatedAgent } from "@/lib/scanner/agents/simulated";
import { dueJobs, runJob } from "@/lib/scanner/collector";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { deleteEntity } from "../entities/delete-entity";
import { createEntity, updateEntity } from "../entities/save-entity";
import { userByEmail, workspaceId } from "../entities/testing";
import { seedDemoTenant } from "../seed/seed";
import type { TCurrentUser } from "../session";

let t: TestDb;
let owner: TCurrentUser;
let ws: string;
let machineId: string;
const agents = { SIMULATED: simulatedAgent };
// The simulated machine's state is a function of the instant: scans a millisecond apart see the same state.
let clock = new Date("2026-11-20T12:00:00Z").getTime();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  owner = await userByEmail(t.db, "owner@contoso.com");
  ws = await workspaceId(t.db, "contoso-prod-eastus");
  machineId = (await t.db.machine.findFirstOrThrow({ where: { workspaceId: ws, osFamily: "WINDOWS" }, orderBy: { name: "asc" } })).id;
  for (const type of ["Files", "Registry", "WindowsServices"] as const) await scan(type);
});
afterAll(() => t.drop());

/** One scan of the machine for one change type; returns the change records it wrote (target, category, fields). */
async function scan(changeType: ChangeType) {
  const at = new Date(++clock);
  const job = (await dueJobs(t.db, agents, { now: at, force: true })).find(
    (j) => j.machine.id === machineId && j.changeType === changeType,
  )!;
  const scanId = `overlap-${changeType}-${clock}`;
  await runJob(t.db, agents, job, at, scanId);
  const records = await t.db.changeRecord.findMany({ where: { scanId }, orderBy: { seq: "asc" } });
  return records.map((r) => [r.category, r.target, r.fieldsChanged]);
}

const item = (itemKey: string) => t.db.inventoryItem.findFirst({ where: { machineId, itemKey }, select: { entityId: true, sha256: true } });

/** Sets an entity's Enabled switch as the editor does (with the version it loaded). */
async function setEnabled(entityId: string, enabled: boolean) {
  const e = await t.db.trackedEntity.findUniqueOrThrow({ where: { id: entityId } });
  await updateEntity(t.db, owner, ws, entityId, { enabled, version: e.updatedAt.toISOString() });
}

/**
 * Adds an entity B over an item entity A tracks, then moves the item between them every way a user can: A
 * disabled (B takes it over), A enabled again (A takes it back), B disabled and enabled, B edited, B deleted.
 * No step may record a change, and the item ends as it began.
 */
async function throughLifecycle(
  changeType: ChangeType,
  body: Parameters<typeof createEntity>[3],
  itemKey: string,
  edit: Parameters<typeof updateEntity>[4],
) {
  const before = await item(itemKey);
  expect(before?.entityId).toBeTruthy();
  const a = before!.entityId!;
  const b = await createEntity(t.db, owner, ws, body);
  expect(await scan(changeType)).toEqual([]);
  await setEnabled(a, false);
  expect(await scan(changeType)).toEqual([]);
  // Taken over by another entity that tracks it (B, or a third one: System32 items are tracked twice already).
  expect((await item(itemKey))?.entityId).not.toBe(a);
  await setEnabled(a, true);
  expect(await scan(changeType)).toEqual([]);
  await setEnabled(b.id, false);
  expect(await scan(changeType)).toEqual([]);
  await setEnabled(b.id, true);
  expect(await scan(changeType)).toEqual([]);
  const edited = await t.db.trackedEntity.findUniqueOrThrow({ where: { id: b.id } });
  await updateEntity(t.db, owner, ws, b.id, { ...edit, version: edited.updatedAt.toISOString() });
  expect(await scan(changeType)).toEqual([]);
  await deleteEntity(t.db, owner, ws, b.id);
  expect(await scan(changeType)).toEqual([]);
  expect(await item(itemKey)).toEqual(before);
}

describe("an item tracked by several entities", () => {
  it("files: %winDir%\\System32\\user*.exe over the System32 executables", async () => {
    await throughLifecycle(
      "Files",
      { kind: "WINDOWS_FILE", itemName: "userinit", path: "%winDir%\\System32\\user*.exe", pathType: "FILE" },
      "C:\\Windows\\System32\\userinit.exe",
      { recursion: true },
    );
  });

  it("registry: Winlogon's Userinit value over the recommended Winlogon key", async () => {
    await throughLifecycle(
      "Registry",
      {
        kind: "WINDOWS_REGISTRY",
        itemName: "userinit value",
        path: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
        valueName: "Userinit",
      },
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Userinit",
      { recursion: true },
    );
  });

  it("services: one service by name under the workspace's All services", async () => {
    const tracked = await t.db.inventoryItem.findFirstOrThrow({
      where: { machineId, changeType: "WindowsServices" },
      orderBy: { itemKey: "asc" },
    });
    await throughLifecycle(
      "WindowsServices",
      { kind: "WINDOWS_SERVICE", itemName: "one service", path: tracked.itemKey },
      tracked.itemKey,
      {
        frequencySec: 600,
      },
    );
  });
});
