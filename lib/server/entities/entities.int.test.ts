import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZEntityCreateBody, ZEntityPatchBody, type TEntityCreateBody } from "@/lib/contracts/entities";
import { MAX_SERVICES_PER_MACHINE } from "@/lib/domain/paths";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import type { TCurrentUser } from "../session";
import { seedDemoTenant } from "../seed/seed";
import { deleteEntity } from "./delete-entity";
import { isUniqueViolation } from "./guards";
import { listEntities } from "./list-entities";
import { createEntity, updateEntity } from "./save-entity";
import { linuxFile, refusal, snapshot, userByEmail, workspaceId } from "./testing";

let t: TestDb;
let owner: TCurrentUser;
let contributor: TCurrentUser;
let reader: TCurrentUser;
let ws: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  [owner, contributor, reader] = await Promise.all(
    ["owner@contoso.com", "contributor@contoso.com", "reader@contoso.com"].map((e) => userByEmail(t.db, e)),
  );
  ws = await workspaceId(t.db, "contoso-prod-eastus");
});
afterAll(() => t.drop());

describe("validation: each refusal names the field, says how to fix it, and saves nothing", () => {
  const cases: [string, TEntityCreateBody, string, RegExp][] = [
    ["a wildcard in a folder segment", linuxFile("/etc/*/passwd"), "path", /only in the last segment of a path, as in \/etc\/\*\.conf/],
    [
      "several files without a wildcard",
      linuxFile("/etc/passwd", { recursion: true }),
      "recursion",
      /a wildcard in the last segment is required to track several files/,
    ],
    [
      "the whole file system",
      linuxFile("/", { pathType: "DIRECTORY" }),
      "path",
      /"\/" is too general: it would traverse the whole file system/,
    ],
    [
      "a whole drive",
      { kind: "WINDOWS_FILE", itemName: "all", path: "C:\\*.*", pathType: "FILE" },
      "path",
      /"C:\\\*\.\*" is too general: it would traverse the whole drive/,
    ],
    ["a Windows path on the Linux tab", linuxFile("C:\\Windows\\win.ini"), "path", /looks like a Windows path.*Windows files tab/],
    ["a relative Linux path", linuxFile("etc/passwd"), "path", /must be absolute: start with \//],
    [
      "an unknown registry hive",
      { kind: "WINDOWS_REGISTRY", itemName: "run", path: "HKXX\\Software\\Run" },
      "path",
      /"HKXX" is not a registry hive/,
    ],
    ["a whole registry hive", { kind: "WINDOWS_REGISTRY", itemName: "hklm", path: "HKLM" }, "path", /Tracking a whole hive/],
    [
      "a registry key with slashes",
      { kind: "WINDOWS_REGISTRY", itemName: "run", path: "HKLM/Software/Run" },
      "path",
      /separated by backslashes/,
    ],
    [
      "a service path instead of a name",
      { kind: "WINDOWS_SERVICE", itemName: "svc", path: "C:\\svc.exe" },
      "path",
      /short name, for example wuauserv/,
    ],
    [
      "a service frequency under 10 s",
      { kind: "WINDOWS_SERVICE", itemName: "wu", path: "wuauserv", frequencySec: 5 },
      "frequencySec",
      /every 10 to 1800 seconds/,
    ],
    [
      "a service frequency over 30 min",
      { kind: "WINDOWS_SERVICE", itemName: "wu", path: "wuauserv", frequencySec: 3600 },
      "frequencySec",
      /every 10 to 1800 seconds/,
    ],
    ["an empty item name", linuxFile("/etc/hosts", { itemName: " " }), "itemName", /Enter an item name/],
    [
      "a Linux path type on Windows",
      { kind: "WINDOWS_FILE", itemName: "x", path: "C:\\App", pathType: "DIRECTORY" },
      "pathType",
      /use path type Folder/,
    ],
    [
      "content upload of a managed link",
      linuxFile("/etc/hosts", { links: "MANAGE", uploadContent: true }),
      "uploadContent",
      /Manage .* cannot be uploaded/,
    ],
    [
      "sudo on a Windows file",
      { kind: "WINDOWS_FILE", itemName: "x", path: "C:\\a.ini", pathType: "FILE", useSudo: true },
      "useSudo",
      /only to Linux files/,
    ],
  ];

  it.each(cases)("refuses %s", async (_what, body, field, message) => {
    const before = await snapshot(t.db, ws);
    const err = await refusal(createEntity(t.db, owner, ws, body));
    expect(err.code).toBe("validation_failed");
    expect(err.status).toBe(422);
    expect(err.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    expect(err.message).toMatch(/^The entry was not saved: /);
    expect(await snapshot(t.db, ws)).toEqual(before);
  });

  it("refuses the same drafts on edit, leaving the entity as it was", async () => {
    const entity = await createEntity(t.db, owner, ws, linuxFile("/opt/app/app.conf"));
    const before = await snapshot(t.db, ws);
    const err = await refusal(updateEntity(t.db, owner, ws, entity.id, { path: "/opt/*/app.conf" }));
    expect(err.fields).toEqual([{ field: "path", message: expect.stringMatching(/only in the last segment/) }]);
    expect(await snapshot(t.db, ws)).toEqual(before);
  });

  it("has the request schemas refuse File content rows and kind changes", () => {
    const fc = ZEntityCreateBody.safeParse({ kind: "FILE_CONTENT", itemName: "x", path: "/etc/hosts" });
    expect(fc.success).toBe(false);
    expect(fc.error?.issues[0]).toMatchObject({ path: ["kind"], message: expect.stringMatching(/Upload file content/) });
    const kind = ZEntityPatchBody.safeParse({ kind: "LINUX_FILE" });
    expect(kind.error?.issues[0]).toMatchObject({ path: ["kind"], message: expect.stringMatching(/cannot change/) });
  });
});

describe("duplicates", () => {
  it("refuses a path already tracked, naming the entry, and nothing changes", async () => {
    const before = await snapshot(t.db, ws);
    const err = await refusal(createEntity(t.db, owner, ws, linuxFile("/bin/login", { itemName: "login again" })));
    expect(err).toMatchObject({ code: "conflict", status: 409 });
    expect(err.message).toBe(
      `The entry "login" on the Linux Files tab already tracks /bin/login. Edit that entry instead, or enter another path.`,
    );
    expect(err.fields).toEqual([{ field: "path", message: err.message }]);
    expect(await snapshot(t.db, ws)).toEqual(before);
  });

  it("compares Windows paths and registry keys as Windows does", async () => {
    const win = await refusal(
      createEntity(t.db, owner, ws, { kind: "WINDOWS_FILE", itemName: "ini", path: "c:\\WINDOWS\\WIN.INI", pathType: "FILE" }),
    );
    expect(win.message).toMatch(/already tracks C:\\Windows\\win\.ini/);
    const reg = await refusal(
      createEntity(t.db, owner, ws, {
        kind: "WINDOWS_REGISTRY",
        itemName: "run",
        path: "hklm\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
      }),
    );
    expect(reg.message).toMatch(/already tracks HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run/);
    // A value of a tracked key is a different entity.
    const value = await createEntity(t.db, owner, ws, {
      kind: "WINDOWS_REGISTRY",
      itemName: "run onedrive",
      path: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
      valueName: "OneDrive",
    });
    expect(value.path).toBe("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run");
  });

  it("refuses an edit onto another entry's path", async () => {
    const a = await createEntity(t.db, owner, ws, linuxFile("/srv/a.conf"));
    const err = await refusal(updateEntity(t.db, owner, ws, a.id, { path: "/etc/crontab" }));
    expect(err.message).toMatch(/^The entry "crontab" on the Linux Files tab already tracks \/etc\/crontab/);
  });

  it("recognises the database's unique violation (P2002) that a lost race ends in", async () => {
    const login = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws, path: "/bin/login" } });
    const err = await t.db.trackedEntity
      .create({ data: { workspaceId: ws, kind: login.kind, itemName: "copy", path: login.path, valueName: login.valueName } })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it("lets one of two simultaneous adds of the same path through and answers the other 409", async () => {
    const body = linuxFile("/srv/race.conf");
    const results = await Promise.allSettled([createEntity(t.db, owner, ws, body), createEntity(t.db, contributor, ws, body)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already tracks \/srv\/race\.conf/) });
    expect(await t.db.trackedEntity.count({ where: { workspaceId: ws, path: "/srv/race.conf" } })).toBe(1);
  });
});

describe("per-machine limits", () => {
  it("refuses an enabled service beyond the limit, accepts it disabled, and refuses enabling it", async () => {
    const dev = await workspaceId(t.db, "contoso-dev-westus2");
    const existing = await t.db.trackedEntity.count({ where: { workspaceId: dev, kind: "WINDOWS_SERVICE", enabled: true } });
    await t.db.trackedEntity.createMany({
      data: Array.from({ length: MAX_SERVICES_PER_MACHINE - existing }, (_, i) => ({
        workspaceId: dev,
        kind: "WINDOWS_SERVICE" as const,
        itemName: `svc${i}`,
        path: `limit-svc${i}`,
        frequencySec: 1800,
      })),
    });
    const before = await snapshot(t.db, dev);
    const err = await refusal(createEntity(t.db, owner, dev, { kind: "WINDOWS_SERVICE", itemName: "one more", path: "limit-extra" }));
    expect(err).toMatchObject({
      code: "validation_failed",
      fields: [
        { field: "enabled", message: expect.stringMatching(/already has 250 enabled entries.*at most 250 services.*Set Enabled to False/) },
      ],
    });
    expect(await snapshot(t.db, dev)).toEqual(before);

    const off = await createEntity(t.db, owner, dev, {
      kind: "WINDOWS_SERVICE",
      itemName: "one more",
      path: "limit-extra",
      enabled: false,
    });
    expect(off).toMatchObject({ enabled: false, frequencySec: 1800 });
    const enable = await refusal(updateEntity(t.db, owner, dev, off.id, { enabled: true }));
    expect(enable.fields?.[0].field).toBe("enabled");
  });
});

describe("roles and scope", () => {
  it("lets a Reader list read-only and refuses every edit with 403", async () => {
    const list = await listEntities(t.db, reader, ws);
    expect(list.canEdit).toBe(false);
    expect(list.entities.length).toBeGreaterThan(50);
    const entity = list.entities[0];
    const before = await snapshot(t.db, ws);
    for (const call of [
      () => createEntity(t.db, reader, ws, linuxFile("/srv/reader.conf")),
      () => updateEntity(t.db, reader, ws, entity.id, { enabled: false }),
      () => deleteEntity(t.db, reader, ws, entity.id),
    ]) {
      expect(await refusal(call())).toMatchObject({
        code: "forbidden",
        status: 403,
        message: expect.stringMatching(/edit tracked entities/),
      });
    }
    expect(await snapshot(t.db, ws)).toEqual(before);
  });

  it("lets a Contributor edit", async () => {
    expect((await listEntities(t.db, contributor, ws)).canEdit).toBe(true);
    const e = await createEntity(t.db, contributor, ws, linuxFile("/srv/contrib.conf"));
    expect(e.itemName).toBe("contrib.conf");
  });

  it("refuses edits while FIM is not enabled on the workspace (409)", async () => {
    const off = await workspaceId(t.db, "contoso-prod-southeastasia");
    const err = await refusal(createEntity(t.db, owner, off, linuxFile("/etc/hosts")));
    expect(err).toMatchObject({ code: "conflict", message: expect.stringMatching(/not enabled on "contoso-prod-southeastasia"/) });
    expect((await listEntities(t.db, owner, off)).canEdit).toBe(false);
  });

  it("answers 404 for another workspace's entity and for a workspace without a role", async () => {
    const other = await workspaceId(t.db, "contoso-prod-westeurope");
    const foreign = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: other } });
    expect(await refusal(updateEntity(t.db, owner, ws, foreign.id, { enabled: false }))).toMatchObject({ code: "not_found" });
    expect(await refusal(deleteEntity(t.db, owner, ws, foreign.id))).toMatchObject({ code: "not_found" });
    const stranger = { id: "nobody", email: "nobody@example.com", name: "Nobody" };
    expect(await refusal(listEntities(t.db, stranger, ws))).toMatchObject({ code: "not_found" });
  });
});
