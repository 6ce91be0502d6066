// Package attribution from the agent's entries to the change records, and the change list's filter on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttributedEntry } from "@/lib/domain/packages";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { pageOfChanges } from "../changes/list-changes";
import { getSummary } from "../changes/summary";
import { seedDemoTenant } from "../seed/seed";
import { commitScan, type ScanReport } from "./commit-scan";

let t: TestDb;
let machine: { id: string; name: string; workspaceId: string };
let usrBin: string;
const at = (min: number) => new Date(Date.now() - 3_600_000 + min * 60_000);

const file = (path: string, sha: string, extra: Partial<AttributedEntry> = {}): AttributedEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId: usrBin,
  size: 100n,
  sha256: sha,
  acls: "-rwxr-xr-x uid=0 gid=0",
  inode: 7n,
  ...extra,
});
const report = (scanId: string, min: number, entries: AttributedEntry[]): ScanReport => ({
  scanId,
  machineId: machine.id,
  changeType: "Files",
  startedAt: at(min),
  finishedAt: at(min),
  entityIds: [usrBin],
  entries,
  errors: [],
});

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  machine = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
  usrBin = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId: machine.workspaceId, path: "/usr/bin" } })).id;
});
afterAll(() => t.drop());

describe("package attribution on change records, and the default expected-change rule", () => {
  it("stores Package update, Differs from package and No package with the package facts, and filters by them", async () => {
    const hello = { packageName: "hello", packageVersion: "2.10-3", packagePreviousVersion: "2.10-2" };
    const upgradedAt = new Date("2026-12-04T19:20:51Z");
    await commitScan(t.db, report("a1", 1, [file("/usr/bin/hello", "h1"), file("/usr/bin/sed", "s1"), file("/usr/bin/mine", "m1")]));
    await commitScan(
      t.db,
      report("a2", 2, [
        file("/usr/bin/hello", "h2", { ...hello, packageShipped: true, packageUpdatedAt: upgradedAt }),
        file("/usr/bin/sed", "s2", { packageName: "sed", packageVersion: "4.9-1", packageShipped: false }),
        file("/usr/bin/mine", "m2", { packageName: null }),
        file("/usr/bin/legacy", "l1"),
      ]),
    );
    const rows = await t.db.changeRecord.findMany({ where: { machineId: machine.id }, orderBy: { target: "asc" } });
    expect(rows.map((r) => [r.target, r.category, r.attribution, r.packageName])).toEqual([
      ["/usr/bin/hello", "Modified", "PackageUpdate", "hello"],
      ["/usr/bin/legacy", "Added", null, null],
      ["/usr/bin/mine", "Modified", "NoPackage", null],
      ["/usr/bin/sed", "Modified", "DiffersFromPackage", "sed"],
    ]);
    expect(rows[0]).toMatchObject({ packageVersion: "2.10-3", packagePreviousVersion: "2.10-2", packageUpdatedAt: upgradedAt });
    // The workspace's default rule marks the package update Expected as it arrives, and names itself.
    expect(rows.map((r) => [r.target, r.reviewState, r.reviewRuleName])).toEqual([
      ["/usr/bin/hello", "Expected", "Package updates"],
      ["/usr/bin/legacy", "Unreviewed", null],
      ["/usr/bin/mine", "Unreviewed", null],
      ["/usr/bin/sed", "Unreviewed", null],
    ]);
    const steps = await t.db.changeReview.findMany({ where: { changeId: rows[0].id } });
    expect(steps.map((h) => [h.previousState, h.state, h.actorEmail])).toEqual([["Unreviewed", "Expected", "rule: Package updates"]]);
    const owner = await t.db.user.findUniqueOrThrow({ where: { email: "owner@contoso.com" } });
    const summary = await getSummary(t.db, owner, machine.workspaceId, { period: "24h" });
    expect(summary.byAttribution).toEqual({ PackageUpdate: 1, DiffersFromPackage: 1, NoPackage: 1 });
    expect(summary.byReview).toEqual({ Unreviewed: 3, Expected: 1, Suspicious: 0 });
    const page = await pageOfChanges(t.db, machine.workspaceId, { period: "24h", attribution: "DiffersFromPackage" }, null);
    expect(page.changes.map((c) => [c.target, c.attribution])).toEqual([["/usr/bin/sed", "DiffersFromPackage"]]);
  });

  it("attributes removed files by the facts the agent sends beside the inventory: the package's removals are Expected", async () => {
    const removed = new Date("2026-12-04T20:00:00Z");
    // hello and sed go; mine stays. The agent says hello's removal was its package's, sed's file was deleted by hand.
    await commitScan(t.db, {
      ...report("a3", 3, [file("/usr/bin/mine", "m2", { packageName: null }), file("/usr/bin/legacy", "l1")]),
      removed: [
        {
          itemKey: "/usr/bin/hello",
          packageName: "hello",
          packageVersion: null,
          packagePreviousVersion: "2.10-3",
          packageUpdatedAt: removed,
          packageShipped: true,
        },
        { itemKey: "/usr/bin/sed", packageName: "sed", packageVersion: "4.9-1", packageShipped: false },
        { itemKey: "/usr/bin/not-scanned", packageName: null },
      ],
    });
    const rows = await t.db.changeRecord.findMany({ where: { machineId: machine.id, category: "Removed" }, orderBy: { target: "asc" } });
    expect(rows.map((r) => [r.target, r.attribution, r.packageName, r.packageVersion, r.reviewState])).toEqual([
      ["/usr/bin/hello", "PackageUpdate", "hello", null, "Expected"],
      ["/usr/bin/sed", "DiffersFromPackage", "sed", "4.9-1", "Unreviewed"],
    ]);
  });
});
