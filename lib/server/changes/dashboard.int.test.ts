import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { AppError } from "../errors";
import { seedDemoTenant } from "../seed/seed";
import type { TCurrentUser } from "../session";
import { getChangeDetails } from "./change-details";
import { HOSTS, RUN_KEY, seedDashboardFixture, SSHD_AFTER_SHA, SSHD_BEFORE_SHA, type DashboardFixture } from "./dashboard-fixture";
import { listChanges } from "./list-changes";
import { listMachineChanges } from "./machine-changes";
import { listServers } from "./servers";
import { getSummary } from "./summary";

let t: TestDb;
let fx: DashboardFixture;
let owner: TCurrentUser;
let reader: TCurrentUser;
const now = new Date();

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message, fields: e.fields };
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const sub = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  fx = await seedDashboardFixture(t.db, sub.id, "contoso-fim-tests", now);
  const user = async (email: string) => {
    const u = await t.db.user.findUniqueOrThrow({ where: { email } });
    return { id: u.id, email: u.email, name: u.name };
  };
  owner = await user("owner@contoso.com");
  reader = await user("reader@contoso.com");
});
afterAll(() => t.drop());

describe("summary", () => {
  it("counts every change of the period by type and category, as the records say", async () => {
    const expected = { "1h": 2, "24h": 3, "7d": 5, "30d": 6 } as const;
    for (const period of ["1h", "24h", "7d", "30d"] as const) {
      const s = await getSummary(t.db, reader, fx.workspaceId, { period }, now);
      expect(s.totalChanges, period).toBe(expected[period]);
      expect(s.machines).toBe(3);
      const from = new Date(s.period.from);
      const where = { workspaceId: fx.workspaceId, timeGenerated: { gt: from } };
      for (const type of ["Files", "Registry", "WindowsServices"] as const) {
        expect(s.byType[type], `${period} ${type}`).toBe(await t.db.changeRecord.count({ where: { ...where, changeType: type } }));
      }
      for (const category of ["Added", "Modified", "Removed"] as const) {
        expect(s.byCategory[category], `${period} ${category}`).toBe(await t.db.changeRecord.count({ where: { ...where, category } }));
      }
      const charted = s.timeline.buckets.reduce((n, b) => n + b.Files + b.Registry + b.WindowsServices, 0);
      expect(charted, `${period} timeline`).toBe(s.totalChanges);
    }
  });

  it("uses 5-minute buckets for an hour and daily buckets for 30 days", async () => {
    const hour = await getSummary(t.db, owner, fx.workspaceId, { period: "1h" }, now);
    expect(hour.timeline.bucketMs).toBe(5 * 60_000);
    expect(hour.timeline.buckets.length).toBeGreaterThanOrEqual(12);
    const month = await getSummary(t.db, owner, fx.workspaceId, { period: "30d" }, now);
    expect(month.timeline.bucketMs).toBe(86_400_000);
  });

  it("takes a custom range, both ends included", async () => {
    const from = new Date(now.getTime() - 4 * 86_400_000).toISOString();
    const to = new Date(now.getTime() - 86_400_000).toISOString();
    const s = await getSummary(t.db, owner, fx.workspaceId, { from, to }, now);
    expect(s.period).toMatchObject({ key: "custom", from, to, fromExclusive: false });
    expect(s.totalChanges).toBe(2); // ntp.conf removed and the service change, 3 days ago
  });

  it("answers not found for a workspace the user has no role on", async () => {
    const stranger = { id: "nobody", email: "x@y.z", name: "X" };
    expect(await refusal(getSummary(t.db, stranger, fx.workspaceId, {}, now))).toMatchObject({ code: "not_found" });
  });
});

describe("Servers tab", () => {
  it("lists every machine, those without changes too, with counts per type", async () => {
    const page = await listServers(t.db, reader, fx.workspaceId, { period: "7d" }, now);
    expect(page.rows.map((r) => [r.name, r.total, r.files, r.registry, r.services])).toEqual([
      ["web-fim-01", 3, 3, 0, 0],
      ["dc-fim-01", 2, 1, 0, 1],
      ["idle-fim-01", 0, 0, 0, 0],
    ]);
    expect(page.query).toContain("| where TimeGenerated > ago(7d)");
    const byName = await listServers(t.db, reader, fx.workspaceId, { period: "30d", sort: "name" }, now);
    expect(byName.rows.map((r) => r.name)).toEqual(["dc-fim-01", "idle-fim-01", "web-fim-01"]);
    expect(byName.rows[0]).toMatchObject({ total: 3, registry: 1 });
    const byServices = await listServers(t.db, reader, fx.workspaceId, { period: "30d", sort: "services" }, now);
    expect(byServices.rows.map((r) => [r.name, r.services])).toEqual([
      ["dc-fim-01", 1],
      ["web-fim-01", 0],
      ["idle-fim-01", 0],
    ]);
    const searched = await listServers(t.db, reader, fx.workspaceId, { period: "30d", q: "WEB", sort: "name" }, now);
    expect(searched).toMatchObject({ total: 1, rows: [{ name: "web-fim-01", total: 3 }] });
  });

  it("shows a selected machine's query and exactly the rows it means", async () => {
    const m = await listMachineChanges(t.db, reader, fx.workspaceId, fx.machines.web, { period: "7d" }, now);
    expect(m.query).toBe(
      [
        "ConfigurationChange",
        '| where Computer == "web-fim-01"',
        "| where TimeGenerated > ago(7d)",
        '| where ConfigChangeType in ("Files", "Registry", "WindowsServices")',
        "| order by TimeGenerated desc",
      ].join("\n"),
    );
    const expected = await t.db.changeRecord.findMany({
      where: { computer: "web-fim-01", timeGenerated: { gt: new Date(m.period.from) } },
      orderBy: [{ timeGenerated: "desc" }, { id: "desc" }],
    });
    expect(m.changes.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(m.changes.map((r) => r.target)).toEqual(expect.arrayContaining(["/etc/ssh/sshd_config", "/etc/new.conf", "/etc/ntp.conf"]));
  });

  it("refuses a machine of another workspace", async () => {
    const other = await t.db.machine.findFirstOrThrow({ where: { workspaceId: { not: fx.workspaceId } } });
    expect(await refusal(listMachineChanges(t.db, owner, fx.workspaceId, other.id, {}, now))).toMatchObject({ code: "not_found" });
  });
});

describe("Changes tab", () => {
  it("lists the period's changes newest first", async () => {
    const page = await listChanges(t.db, reader, fx.workspaceId, { period: "30d" }, now);
    // The last scan's two records share its time: ties go by id, descending.
    expect(
      page.changes
        .slice(0, 2)
        .map((r) => r.target)
        .sort(),
    ).toEqual(["/etc/new.conf", "/etc/ssh/sshd_config"]);
    expect(page.changes[0].id > page.changes[1].id).toBe(true);
    expect(page.changes).toHaveLength(6);
    expect(page.changes.slice(2).map((r) => r.target)).toEqual([HOSTS, "wuauserv", "/etc/ntp.conf", `${RUN_KEY}\\Updater`]);
    expect(page.nextCursor).toBeNull();
    expect(page.prevCursor).toBeNull();
  });

  it("searches path, key and machine, case-insensitively, taking % and _ literally", async () => {
    const targets = async (q: string) =>
      (await listChanges(t.db, reader, fx.workspaceId, { period: "30d", q }, now)).changes.map((r) => r.target);
    expect(await targets("SSHD_CONFIG")).toEqual(["/etc/ssh/sshd_config"]);
    expect(await targets("currentversion\\run")).toEqual([`${RUN_KEY}\\Updater`]);
    expect((await targets("dc-fim")).sort()).toEqual([HOSTS, "wuauserv", `${RUN_KEY}\\Updater`].sort());
    expect(await targets("%")).toEqual([]);
    expect(await targets("sshd_")).toEqual(["/etc/ssh/sshd_config"]);
  });

  it("filters by type and category", async () => {
    const files = await listChanges(t.db, reader, fx.workspaceId, { period: "30d", changeType: "Files" }, now);
    expect(files.changes.every((r) => r.changeType === "Files")).toBe(true);
    expect(files.changes).toHaveLength(4);
    const removed = await listChanges(t.db, reader, fx.workspaceId, { period: "30d", category: "Removed" }, now);
    expect(removed.changes.map((r) => r.target)).toEqual(["/etc/ntp.conf"]);
  });

  it("rejects a cursor that was tampered with, naming the field", async () => {
    const r = await refusal(listChanges(t.db, reader, fx.workspaceId, { cursor: "bm90IGEgY3Vyc29y" }, now));
    expect(r).toMatchObject({ code: "validation_failed", fields: [{ field: "cursor" }] });
  });
});

describe("Change details", () => {
  it("shows previous and current values, the entity that matched and the content diff", async () => {
    const d = await getChangeDetails(t.db, reader, fx.workspaceId, fx.changes.sshd);
    expect(d).toMatchObject({ category: "Modified", changeType: "Files", computer: "web-fim-01", target: "/etc/ssh/sshd_config" });
    expect(d.fieldsChanged).toBe("Size, FileContentChecksum, Acls, DateModified");
    expect(d.previous).toMatchObject({ sha256: SSHD_BEFORE_SHA, acls: "root:rw-,root:r--,other:r--", contentSha256: SSHD_BEFORE_SHA });
    expect(d.current).toMatchObject({ sha256: SSHD_AFTER_SHA, acls: "root:rw-,root:r--,other:---", contentSha256: SSHD_AFTER_SHA });
    expect(d.entity).toMatchObject({ itemName: "sshd config", path: "/etc/ssh/sshd_config", kind: "LINUX_FILE" });
    expect(d.content).toMatchObject({ status: "diff", added: 2, removed: 1 });
    const lines = d
      .content!.hunks.flatMap((h) => h.lines)
      .filter((l) => l.kind !== "same")
      .map((l) => `${l.kind} ${l.text}`);
    expect(lines).toEqual(["removed PermitRootLogin no", "added PermitRootLogin yes", "added AllowUsers eve"]);
  });

  it("shows registry and service values side by side", async () => {
    const reg = await getChangeDetails(t.db, reader, fx.workspaceId, fx.changes.runAdded);
    expect(reg).toMatchObject({ category: "Added", registryKey: RUN_KEY, valueName: "Updater", hive: "HKEY_LOCAL_MACHINE", content: null });
    expect(reg.current).toMatchObject({ valueType: "REG_SZ", valueData: "C:\\Users\\Public\\upd.exe" });
    expect(reg.previous.valueData).toBeNull();
    const svc = await getChangeDetails(t.db, reader, fx.workspaceId, fx.changes.service);
    expect(svc.fieldsChanged).toBe("SvcState, SvcStartupType");
    expect([svc.previous.svcState, svc.current.svcState, svc.previous.svcStartupType, svc.current.svcStartupType]).toEqual([
      "Running",
      "Stopped",
      "Auto",
      "Disabled",
    ]);
  });

  it("answers not found for a change of another workspace", async () => {
    const sub = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Development" } });
    const other = await seedDashboardFixture(t.db, sub.id, "contoso-fim-other", now);
    expect(await refusal(getChangeDetails(t.db, owner, fx.workspaceId, other.changes.sshd))).toMatchObject({ code: "not_found" });
    expect((await getChangeDetails(t.db, owner, other.workspaceId, other.changes.sshd)).target).toBe("/etc/ssh/sshd_config");
  });
});
