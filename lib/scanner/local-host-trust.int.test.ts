// Finding 1 of the security review: a Contributor of the vigil-local-host workspace could make the scanner worker
// (root) read any file of the Vigil host and upload its text. Reads of the host's disk on a tenant's behalf now
// happen only under the operator's allow-list (VIGIL_LOCAL_ALLOW), and the portal's own data never.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TEntityCreateBody } from "@/lib/contracts/entities";
import { listEntities } from "@/lib/server/entities/list-entities";
import { previewEntityRule } from "@/lib/server/entities/preview";
import { createEntity, updateEntity } from "@/lib/server/entities/save-entity";
import { linuxFile, refusal, userByEmail } from "@/lib/server/entities/testing";
import { ensureLocalHost } from "@/lib/server/seed/local-host";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import type { TCurrentUser } from "@/lib/server/session";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { localAgent } from "./agents/local";
import { collectDue } from "./collector";
import { prepareDemoFolder } from "./demo-folder";

let t: TestDb;
let ws: string;
let owner: TCurrentUser;
let contributor: TCurrentUser;
let root: string;
let dataDir: string;
let demoDir: string;
let secretFile: string;
const savedEnv = { data: process.env.VIGIL_DATA_DIR, allow: process.env.VIGIL_LOCAL_ALLOW };

const ROOT_ONLY = "TOP SECRET: root-only";
const AUTH = "AUTH-SECRET-VALUE";
const DB = "SQLite format 3 DB-SECRET";

const collect = () => collectDue(t.db, { LOCAL: localAgent({ workers: 1 }) }, { force: true });
const blobsContaining = async (text: string) =>
  (await t.db.contentBlob.findMany()).filter((b) => Buffer.from(b.data).toString("utf8").includes(text)).length;
const itemsUnder = (prefix: string) => t.db.inventoryItem.count({ where: { itemKey: { startsWith: prefix } } });
const errorOf = async (entityId: string) =>
  (await listEntities(t.db, owner, ws)).entities.find((e) => e.id === entityId)?.collection.failing[0]?.error;
/** An entity as it would be stored had it been saved before the allow-list existed. */
const storeDirectly = async (body: TEntityCreateBody) => {
  const data = { workspaceId: ws, links: "FOLLOW" as const, pathType: "FILE" as const, ...body, kind: "LINUX_FILE" as const };
  const key = { workspaceId: ws, kind: data.kind, path: data.path, valueName: "" };
  return (await t.db.trackedEntity.upsert({ where: { workspaceId_kind_path_valueName: key }, create: data, update: data })).id;
};
/** Preview as the web server on the Vigil host (its LOCAL machine is "vigil-host") answers it. */
const preview = (user: TCurrentUser, p: string) =>
  previewEntityRule(
    t.db,
    user,
    ws,
    { kind: "LINUX_FILE", path: p, pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false },
    { name: "vigil-host", platform: "linux" },
  );

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-trust-"));
  dataDir = path.join(root, "data");
  demoDir = path.join(dataDir, "local-demo");
  prepareDemoFolder(demoDir);
  fs.writeFileSync(path.join(dataDir, "auth-secret"), AUTH, { mode: 0o600 });
  fs.writeFileSync(path.join(dataDir, "vigil.db"), DB, { mode: 0o600 });
  fs.mkdirSync(path.join(root, "outside"));
  secretFile = path.join(root, "outside", "secret.txt");
  fs.writeFileSync(secretFile, `${ROOT_ONLY}\n`, { mode: 0o600 });
  process.env.VIGIL_DATA_DIR = dataDir;
  delete process.env.VIGIL_LOCAL_ALLOW;

  t = await createTestDb();
  await seedDemoTenant(t.db);
  ws = (await ensureLocalHost(t.db, { hostname: "vigil-host", demoDir }))!.id;
  owner = await userByEmail(t.db, "owner@contoso.com");
  contributor = await userByEmail(t.db, "contributor@contoso.com");
  // The operator's own recommended rules stay; all but one are switched off to keep the scans short.
  await t.db.trackedEntity.updateMany({
    where: { workspaceId: ws, recommended: true, NOT: { path: "/etc/*.conf" } },
    data: { enabled: false },
  });
});
afterAll(async () => {
  for (const [key, value] of [
    ["VIGIL_DATA_DIR", savedEnv.data],
    ["VIGIL_LOCAL_ALLOW", savedEnv.allow],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  fs.rmSync(root, { recursive: true, force: true });
  await t.drop();
});

describe("the Vigil host's disk, for a tenant (default allow-list: the demo folder)", () => {
  it("refuses on save a rule on a root-only file outside the allow-list, and the overlapping folder rule, on the path field", async () => {
    const file = await refusal(createEntity(t.db, contributor, ws, linuxFile(secretFile, { uploadContent: true })));
    expect(file).toMatchObject({
      code: "validation_failed",
      fields: [{ field: "path", message: expect.stringMatching(/outside the folders/) }],
    });
    const folder = await refusal(
      createEntity(t.db, contributor, ws, linuxFile(`${path.dirname(secretFile)}/*.txt`, { uploadContent: true })),
    );
    expect(folder.fields?.[0]).toMatchObject({ field: "path", message: expect.stringMatching(/VIGIL_LOCAL_ALLOW/) });
  });

  it("refuses Upload file content outside the allow-list on the uploadContent field, even on a recommended path", async () => {
    // /etc/hostname is no recommended file: not read at all. /etc/*.conf is: hashed, but its content not uploaded.
    const err = await refusal(createEntity(t.db, contributor, ws, linuxFile("/etc/hostname", { uploadContent: true })));
    expect(err.fields?.[0]).toMatchObject({ field: "path", message: expect.stringMatching(/outside the folders/) });
    const conf = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws, path: "/etc/*.conf" } });
    const upload = await refusal(updateEntity(t.db, contributor, ws, conf.id, { uploadContent: true }));
    expect(upload.fields?.[0]).toMatchObject({ field: "uploadContent", message: expect.stringMatching(/not uploaded|only under/) });
  });

  it("reads nothing of such rules when they are in the database anyway, and tells why in the collection status", async () => {
    const single = await storeDirectly(linuxFile(secretFile, { uploadContent: true }));
    const overlapping = await storeDirectly(linuxFile(`${path.dirname(secretFile)}/*.txt`, { uploadContent: true }));
    await collect();
    fs.writeFileSync(secretFile, `${ROOT_ONLY}, edited\n`);
    await t.db.trackedEntity.update({ where: { id: single }, data: { enabled: false } });
    await collect();

    expect(await itemsUnder(path.dirname(secretFile))).toBe(0);
    expect(await t.db.changeRecord.count({ where: { target: { startsWith: path.dirname(secretFile) } } })).toBe(0);
    expect(await blobsContaining(ROOT_ONLY)).toBe(0);
    expect(await errorOf(overlapping)).toMatch(/outside the folders the operator of the Vigil host allows/);
  });

  it("previews such a rule from what the host last reported, without walking its disk", async () => {
    const res = await preview(owner, `${path.dirname(secretFile)}/*`);
    expect(res).toMatchObject({ supported: true, count: 0, sample: [], machines: [{ name: "vigil-host", source: "inventory" }] });
  });

  it("keeps scanning the demo folder with its content, and the recommended files for their hash only", async () => {
    const app = await t.db.inventoryItem.findFirstOrThrow({ where: { itemKey: path.join(demoDir, "app.conf") } });
    expect(app.contentSha256).not.toBeNull();
    expect(await t.db.contentBlob.count({ where: { sha256: app.contentSha256! } })).toBe(1);
    const confs = await t.db.inventoryItem.findMany({ where: { itemKey: { startsWith: "/etc/" } } });
    expect(confs.length).toBeGreaterThan(0);
    expect(confs.every((c) => c.contentSha256 === null)).toBe(true);
    expect(confs.some((c) => c.sha256 !== null)).toBe(true);
    const res = await preview(owner, `${demoDir}/*.conf`);
    expect(res).toMatchObject({ supported: true, count: 1, sample: [path.join(demoDir, "app.conf")], machines: [{ source: "disk" }] });
  });
});

describe("the portal's own data folder", () => {
  let viaLink: string;
  let okDir: string;

  beforeAll(() => {
    viaLink = path.join(root, "via-link");
    fs.symlinkSync(dataDir, viaLink);
    okDir = path.join(root, "ok");
    fs.mkdirSync(okDir);
    fs.writeFileSync(path.join(okDir, "notes.txt"), "ok to upload\n");
    fs.symlinkSync(path.join(dataDir, "auth-secret"), path.join(okDir, "leak"));
    process.env.VIGIL_LOCAL_ALLOW = `${viaLink}:${okDir}`;
  });

  it("is refused on save even when allow-listed through a symbolic link", async () => {
    const err = await refusal(
      createEntity(t.db, owner, ws, linuxFile(viaLink, { pathType: "DIRECTORY", recursion: true, uploadContent: true })),
    );
    expect(err.fields?.[0]).toMatchObject({ field: "path", message: expect.stringMatching(/Vigil's own data/) });
  });

  it("is never scanned nor uploaded, directly or through a link inside an allowed folder", async () => {
    const direct = await storeDirectly(linuxFile(viaLink, { pathType: "DIRECTORY", recursion: true, uploadContent: true }));
    const ok = (await createEntity(t.db, owner, ws, linuxFile(`${okDir}/*`, { uploadContent: true }))).id;
    await collect();

    expect(await itemsUnder(viaLink)).toBe(0);
    expect(await itemsUnder(path.join(okDir, "leak"))).toBe(0);
    expect(await blobsContaining(AUTH)).toBe(0);
    expect(await blobsContaining(DB)).toBe(0);
    expect(await errorOf(direct)).toMatch(/Vigil's own data/);
    expect(await errorOf(ok)).toMatch(/Vigil's own data/);
    // What the allow-list does cover is read and uploaded.
    const notes = await t.db.inventoryItem.findFirstOrThrow({ where: { itemKey: path.join(okDir, "notes.txt") } });
    expect(notes.contentSha256).not.toBeNull();
  });

  it("is never previewed, while the rest of an allowed folder is, from the disk", async () => {
    const linked = await preview(owner, `${viaLink}/*`);
    expect(linked).toMatchObject({ count: 0, sample: [] });
    const res = await preview(owner, `${okDir}/*`);
    expect(res).toMatchObject({ supported: true, count: 1, sample: [path.join(okDir, "notes.txt")], machines: [{ source: "disk" }] });
  });
});

describe("an operator who narrows the allow-list", () => {
  it("keeps what the host last read of an entry no longer allowed, reports nothing Removed, and diffs it again once allowed", async () => {
    const okDir = path.join(root, "ok");
    const entry = await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws, path: `${okDir}/*` } });
    const notes = path.join(okDir, "notes.txt");
    const item = () => t.db.inventoryItem.findFirst({ where: { itemKey: notes } });
    const before = await item();
    expect(before).not.toBeNull();

    process.env.VIGIL_LOCAL_ALLOW = path.join(root, "via-link");
    await collect();
    expect(await t.db.changeRecord.count({ where: { entityId: entry.id } })).toBe(0);
    expect(await item()).toMatchObject({ sha256: before!.sha256 });
    expect(await errorOf(entry.id)).toMatch(/outside the folders the operator of the Vigil host allows/);

    process.env.VIGIL_LOCAL_ALLOW = okDir;
    fs.writeFileSync(notes, "ok to upload, edited\n");
    await collect();
    const changes = await t.db.changeRecord.findMany({ where: { entityId: entry.id } });
    expect(changes.map((c) => [c.category, c.target])).toEqual([["Modified", notes]]);
    expect(await errorOf(entry.id)).toMatch(/Vigil's own data/); // its link to the auth secret, as before
  });
});
