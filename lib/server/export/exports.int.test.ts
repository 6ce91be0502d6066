import { pdfText } from "@/lib/testing/pdf-text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TChangeFilter, TChangeRow } from "@/lib/contracts/changes";
import { parseCsvObjects } from "@/lib/testing/parse-csv";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { listChanges } from "../changes/list-changes";
import { reviewChange } from "../changes/review";
import { listServers } from "../changes/servers";
import { generateFleet } from "../changes/synthetic-fleet";
import { makeReport } from "../report/report";
import { reportData } from "../report/report-data";
import { seedDemoTenant } from "../seed/seed";
import type { TCurrentUser } from "../session";
import { listWorkspaces } from "../workspaces/list-workspaces";
import { CHANGE_COLUMNS, changeRows, exportChanges } from "./changes-export";
import { csvStream } from "./csv-stream";
import { exportMachines, exportWorkspaces, MACHINE_COLUMNS, WORKSPACE_COLUMNS } from "./list-exports";

// The downloads hold exactly what the pages list: the Changes tab's rows for its filter (across many keyset pages),
// the Servers tab's machines, the workspace list; and the report is a PDF naming its workspace and period.

let t: TestDb;
let owner: TCurrentUser;
let reader: TCurrentUser;
let outsider: TCurrentUser;
let workspaceId: string;
const now = new Date();

const asUser = (u: { id: string; email: string; name: string }): TCurrentUser => ({ id: u.id, email: u.email, name: u.name });

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const sub = await t.db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = await t.db.workspace.create({ data: { subscriptionId: sub.id, name: "export fleet", location: "East US", fimEnabled: true } });
  workspaceId = ws.id;
  await generateFleet(t.db, { workspaceId, machines: 5, records: 300, days: 10, now, seed: 7 });
  owner = asUser(await t.db.user.findUniqueOrThrow({ where: { email: "owner@contoso.com" } }));
  reader = asUser(await t.db.user.findUniqueOrThrow({ where: { email: "reader@contoso.com" } }));
  outsider = asUser(await t.db.user.create({ data: { id: "outsider", email: "outsider@fabrikam.com", name: "Outsider" } }));
});
afterAll(() => t.drop());

/** Every row the Changes tab lists for a filter, page after page of 100. */
async function tabRows(filter: TChangeFilter): Promise<TChangeRow[]> {
  const rows: TChangeRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listChanges(t.db, reader, workspaceId, { ...filter, cursor, limit: 100 }, now);
    rows.push(...page.changes);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe("changes export", () => {
  const filters: TChangeFilter[] = [
    { period: "30d" },
    { period: "7d", changeType: "Files", category: "Modified" },
    { period: "30d", q: "conf" },
    { period: "30d", computer: "VM-LNX-0001" },
  ];

  for (const filter of filters) {
    it(`holds exactly the Changes tab's rows, in its order, for ${JSON.stringify(filter)}`, async () => {
      const want = await tabRows(filter);
      expect(want.length).toBeGreaterThan(0);
      // Small export pages: the keyset continues across many of them without losing or repeating a row.
      const { rows: _unused, ...file } = await exportChanges(t.db, reader, workspaceId, filter, now);
      const machine = filter.computer ? await t.db.machine.findFirstOrThrow({ where: { workspaceId, name: "vm-lnx-0001" } }) : null;
      const got = await collect(changeRows(t.db, workspaceId, filter, machine && { id: machine.id, name: machine.name }, now, 17));
      expect(got).toEqual(want);
      expect(file.name).toMatch(/^changes_export-fleet_last-(30d|7d)/);
    });
  }

  it("writes them as CSV under the Log Analytics column names, and names the filter in the file name", async () => {
    const filter: TChangeFilter = { period: "7d", changeType: "Files", category: "Modified", q: "conf" };
    const file = await exportChanges(t.db, reader, workspaceId, filter, now);
    expect(file.name).toBe("changes_export-fleet_last-7d_Files_Modified_search-conf.csv");
    const csv = parseCsvObjects(await new Response(csvStream(CHANGE_COLUMNS, file.rows)).text());
    const want = await tabRows(filter);
    expect(csv.map((r) => r.ChangeId)).toEqual(want.map((r) => r.id));
    expect(csv[0]).toEqual({
      TimeGenerated: want[0].timeGenerated,
      Computer: want[0].computer,
      ConfigChangeType: "Files",
      ChangeCategory: "Modified",
      Target: want[0].target,
      Name: want[0].name,
      FieldsChanged: want[0].fieldsChanged,
      ReviewState: want[0].reviewState,
      Attribution: want[0].attribution ?? "",
      ChangeId: want[0].id,
      MachineId: want[0].machineId,
    });
  });

  it("is refused, as the tab is, to a user without a role on the workspace", async () => {
    await expect(exportChanges(t.db, outsider, workspaceId, { period: "7d" }, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(exportChanges(t.db, reader, workspaceId, { period: "7d", computer: "no-such-vm" }, now)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("list exports", () => {
  it("the machines CSV holds the Servers tab's machines in its sort, and names the search", async () => {
    const q = { period: "7d" as const, sort: "name" as const, q: "vm" };
    const file = await exportMachines(t.db, reader, workspaceId, q, now);
    expect(file.name).toBe("machines_export-fleet_last-7d_search-vm.csv");
    const csv = parseCsvObjects(await new Response(csvStream(MACHINE_COLUMNS, file.rows)).text());
    const tab = await listServers(t.db, reader, workspaceId, { ...q, limit: 200 }, now);
    expect(csv.map((r) => [r.Computer, Number(r.TotalChanges), Number(r.Unreviewed)])).toEqual(
      tab.rows.map((m) => [m.name, m.total, m.unreviewed]),
    );
  });

  it("the workspaces CSV holds the user's workspace list", async () => {
    const file = await exportWorkspaces(t.db, reader, now);
    const csv = parseCsvObjects(await new Response(csvStream(WORKSPACE_COLUMNS, file.rows)).text());
    const list = await listWorkspaces(t.db, reader, now);
    expect(csv.map((r) => r.Name)).toEqual(list.map((w) => w.name));
    expect(csv.find((r) => r.Name === "export fleet")?.FimEnabled).toBe("true");
    expect(await collect((await exportWorkspaces(t.db, outsider, now)).rows)).toEqual([]);
  });
});

describe("report", () => {
  it("lists the changes that need a look with those that differ from their package first, then Suspicious", async () => {
    const recent = await tabRows({ period: "7d" });
    const [suspicious, differs, expected] = recent.slice(3, 6);
    await reviewChange(t.db, owner, workspaceId, suspicious.id, { state: "Suspicious" }, now);
    await reviewChange(t.db, owner, workspaceId, expected.id, { state: "Expected" }, now);
    await t.db.changeRecord.updateMany({ where: { id: differs.id }, data: { attribution: "DiffersFromPackage" } });

    const data = await reportData(t.db, reader, workspaceId, { period: "7d" }, now);
    const ids = data.needsALook.map((c) => c.id);
    expect(ids.slice(0, 2)).toEqual([differs.id, suspicious.id]);
    expect(ids).not.toContain(expected.id);
    expect(data.needsALook.length).toBe(Math.min(100, recent.length - 1));
    expect(data.machineCount).toBe(5);
    expect(data.madeBy.email).toBe("reader@contoso.com");
  });

  it("is a PDF that names the workspace, the period, who made it, and numbers its pages", async () => {
    const { name, bytes } = await makeReport(t.db, reader, workspaceId, { period: "7d" }, now);
    expect(name).toBe(`fim-report_export-fleet_last-7d_${now.toISOString().slice(0, 10)}.pdf`);
    expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(bytes);
    for (const words of [
      "File integrity monitoring report",
      "export fleet",
      "Last 7 days",
      "reader@contoso.com",
      "Changes over time",
      "Changes that need a look",
      "Machines",
      "Tracked entities",
      "vm-lnx-0001",
      "Page 1 of",
    ])
      expect(text, words).toContain(words);
  });

  it("is refused to a user without a role on the workspace", async () => {
    await expect(makeReport(t.db, outsider, workspaceId, { period: "7d" }, now)).rejects.toMatchObject({ code: "not_found" });
  });
});
