import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import type { Agent, ScanJob } from "./agents/types";
import { collectDue, dueJobs } from "./collector";

let t: TestDb;
const now = new Date("2026-11-20T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

// A fleet where every Linux machine's /etc/*.conf rule finds one file whose hash is the scan's minute.
let version = "v1";
const calls: ScanJob[] = [];
const fakeAgent: Agent = {
  async scan(job) {
    calls.push(job);
    const conf = job.entities.find((e) => e.path === "/etc/*.conf");
    return {
      entries: conf ? [{ changeType: "Files", itemKey: "/etc/app.conf", entityId: conf.id, sha256: version, size: 1n }] : [],
      errors: [],
      contents: new Map(),
    };
  },
};
const failingAgent: Agent = {
  async scan() {
    throw new Error("disk unreadable");
  },
};

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
});
afterAll(() => t.drop());

describe("the collector", () => {
  it("scans only machines of FIM-enabled workspaces, each change type of its OS", async () => {
    const jobs = await dueJobs(t.db, { SIMULATED: fakeAgent }, { now });
    const enabledMachines = await t.db.machine.findMany({ where: { workspace: { fimEnabled: true } } });
    const expected = enabledMachines.reduce((n, m) => n + (m.osFamily === "LINUX" ? 1 : 3), 0);
    expect(jobs).toHaveLength(expected);
    expect(jobs.every((j) => enabledMachines.some((m) => m.id === j.machine.id))).toBe(true);
  });

  it("baselines on the first pass, then finds the change on the next due pass only", async () => {
    const first = await collectDue(t.db, { SIMULATED: fakeAgent }, { now });
    expect(first).toMatchObject({ changes: 0, failed: 0 });
    version = "v2";
    // Linux files are due every 15 minutes: at +10 nothing runs, at +15 every Linux machine reports the change.
    expect((await collectDue(t.db, { SIMULATED: fakeAgent }, { now: minutes(10) })).scans).toBe(0);
    const third = await collectDue(t.db, { SIMULATED: fakeAgent }, { now: minutes(15) });
    const linux = await t.db.machine.count({ where: { osFamily: "LINUX", workspace: { fimEnabled: true } } });
    expect(third.changes).toBe(linux);
    const records = await t.db.changeRecord.findMany({ where: { timeGenerated: minutes(15) } });
    expect(records).toHaveLength(linux);
    expect(records.every((r) => r.category === "Modified" && r.fieldsChanged === "FileContentChecksum")).toBe(true);
  });

  it("a demo time scale makes scans due sooner", async () => {
    expect((await collectDue(t.db, { SIMULATED: fakeAgent }, { now: minutes(16), timeScale: 30 })).scans).toBeGreaterThan(0);
  });

  it("stops collecting a workspace the moment FIM is disabled", async () => {
    const ws = await t.db.workspace.findFirstOrThrow({ where: { name: "contoso-prod-eastus" } });
    await t.db.workspace.update({ where: { id: ws.id }, data: { fimEnabled: false } });
    const jobs = await dueJobs(t.db, { SIMULATED: fakeAgent }, { now: minutes(600), force: true });
    expect(jobs.some((j) => j.workspaceId === ws.id)).toBe(false);
  });

  it("marks a machine whose agent fails, and commits nothing for it", async () => {
    const before = await t.db.scan.count();
    const pass = await collectDue(t.db, { SIMULATED: failingAgent }, { now: minutes(700), force: true });
    expect(pass.failed).toBe(pass.scans);
    expect(await t.db.scan.count()).toBe(before);
    const m = await t.db.machine.findFirstOrThrow({ where: { name: "web-weu-01" } });
    expect(m).toMatchObject({ collectionStatus: "ERROR", lastError: "Collection failed: disk unreadable" });
  });
});
