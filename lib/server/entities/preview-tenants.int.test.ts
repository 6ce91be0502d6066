// Finding 3 of the security review: the entity Preview walked the portal host's disk for any tenant. It now
// evaluates the rule against what the workspace's own machines last reported (their inventory rows).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import type { TCurrentUser } from "../session";
import { seedDemoTenant } from "../seed/seed";
import { previewEntityRule } from "./preview";
import { unrelatedTenant, workspaceId } from "./testing";

let t: TestDb;
let tenant: Awaited<ReturnType<typeof unrelatedTenant>>;
let owner: TCurrentUser;
let hostDir: string;
const savedDataDir = process.env.VIGIL_DATA_DIR;

const rule = (p: string, extra: Record<string, unknown> = {}) => ({
  kind: "LINUX_FILE",
  path: p,
  pathType: "FILE",
  recursion: false,
  links: "FOLLOW",
  useSudo: false,
  ...extra,
});

const inventory = (machineId: string, keys: string[]) =>
  t.db.inventoryItem.createMany({
    data: keys.map((itemKey) => ({ machineId, changeType: "Files" as const, itemKey, sha256: "a".repeat(64), size: 1n })),
  });

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  tenant = await unrelatedTenant(t.db);
  owner = tenant.owner;
  // Files of the portal host that no tenant may see: a folder of its own, and its data folder with the secret.
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-host-"));
  fs.writeFileSync(path.join(hostDir, "secret.txt"), "host secret", { mode: 0o600 });
  fs.mkdirSync(path.join(hostDir, "data"));
  fs.writeFileSync(path.join(hostDir, "data", "auth-secret"), "signing key", { mode: 0o600 });
  process.env.VIGIL_DATA_DIR = path.join(hostDir, "data");
});
afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.VIGIL_DATA_DIR;
  else process.env.VIGIL_DATA_DIR = savedDataDir;
  fs.rmSync(hostDir, { recursive: true, force: true });
  await t.drop();
});

describe("Preview for a tenant's workspace", () => {
  it("never lists the portal host's files, whatever the path", async () => {
    for (const p of ["/root/*", `${hostDir}/*`, `${hostDir}/data/*`]) {
      const res = await previewEntityRule(t.db, owner, tenant.workspaceId, rule(p));
      expect(res, p).toMatchObject({ supported: true, count: 0, sample: [] });
    }
    const dir = await previewEntityRule(t.db, owner, tenant.workspaceId, rule(hostDir, { pathType: "DIRECTORY", recursion: true }));
    expect(dir).toMatchObject({ supported: true, count: 0, sample: [] });
  });

  it("counts what the workspace's machines last reported, per machine, and nothing of other workspaces", async () => {
    await inventory(tenant.machine.id, ["/etc/app/a.conf", "/etc/app/b.conf", "/etc/app/notes.txt", "/etc/app/sub/c.conf"]);
    const second = await t.db.machine.create({
      data: {
        workspaceId: tenant.workspaceId,
        name: "fabrikam-web-02",
        osFamily: "LINUX",
        osVersion: "Debian 12",
        source: "AZURE_VM",
        agentKind: "REMOTE",
        lastReportAt: new Date("2026-11-20T10:00:00Z"),
      },
    });
    await inventory(second.id, ["/etc/app/a.conf", "/etc/app/d.conf"]);
    // Another tenant's machine with a matching file: not this workspace's, never counted.
    const contoso = await t.db.machine.findFirstOrThrow({
      where: { workspaceId: await workspaceId(t.db, "contoso-prod-eastus"), osFamily: "LINUX" },
    });
    await inventory(contoso.id, ["/etc/app/contoso.conf"]);

    const flat = await previewEntityRule(t.db, owner, tenant.workspaceId, rule("/etc/app/*.conf"));
    expect(flat).toMatchObject({
      supported: true,
      count: 3,
      truncated: false,
      sample: ["/etc/app/a.conf", "/etc/app/b.conf", "/etc/app/d.conf"],
      machines: [
        { name: "fabrikam-web-01", source: "inventory", count: 2, reportedAt: null },
        { name: "fabrikam-web-02", source: "inventory", count: 2, reportedAt: "2026-11-20T10:00:00.000Z" },
      ],
    });
    const deep = await previewEntityRule(t.db, owner, tenant.workspaceId, rule("/etc/app/*.conf", { recursion: true }));
    expect(deep).toMatchObject({ count: 4, sample: ["/etc/app/a.conf", "/etc/app/b.conf", "/etc/app/d.conf", "/etc/app/sub/c.conf"] });
    const folder = await previewEntityRule(t.db, owner, tenant.workspaceId, rule("/etc/app", { pathType: "DIRECTORY" }));
    expect(folder).toMatchObject({ count: 4, sample: ["/etc/app/a.conf", "/etc/app/b.conf", "/etc/app/d.conf", "/etc/app/notes.txt"] });
    const one = await previewEntityRule(t.db, owner, tenant.workspaceId, rule("/etc/app/notes.txt"));
    expect(one).toMatchObject({ count: 1, machines: [{ count: 1 }, { count: 0 }] });
    expect((one as { notes: string[] }).notes.join(" ")).toMatch(/what 2 machines last reported/);
  });

  it("says so when no Linux machine of the workspace could be previewed", async () => {
    const empty = await t.db.workspace.create({
      data: {
        subscriptionId: (await t.db.subscription.findFirstOrThrow({ where: { name: "Fabrikam Production" } })).id,
        name: "fabrikam-empty",
        location: "West Europe",
        fimEnabled: true,
      },
    });
    const res = await previewEntityRule(t.db, owner, empty.id, rule("/etc/*.conf"));
    expect(res).toMatchObject({ supported: false, reason: expect.stringMatching(/no Linux machine/) });
  });
});
