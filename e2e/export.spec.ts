import { pdfText } from "@/lib/testing/pdf-text";
import fs from "node:fs";
import type { Db } from "@/lib/server/db";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { parseCsvObjects } from "@/lib/testing/parse-csv";
import { test, expect, signInAs, screenshot } from "./support/fixtures";

// Downloads: the Changes tab's filter as CSV holds exactly the database's rows for that filter, under a file name
// that names it; the dashboard's report is a PDF naming the workspace. A fleet of our own (REMOTE agents, which the
// scanner leaves alone) with every change in the last 5 days, so the default period (7 days) holds them all.

const WS = "contoso-export-e2e";

async function ensureWorkspace(db: Db): Promise<string> {
  const found = await db.workspace.findFirst({ where: { name: WS } });
  if (found) return found.id;
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = await db.workspace.create({
    data: { subscriptionId: sub.id, name: WS, location: "West Europe", resourceGroup: "rg-export", fimEnabled: true },
  });
  await generateFleet(db, { workspaceId: ws.id, machines: 6, records: 240, days: 5, now: new Date(), seed: 29, namePrefix: "exp" });
  return ws.id;
}

let workspaceId = "";

test.beforeAll(async ({ db }) => {
  test.setTimeout(180_000);
  workspaceId = await ensureWorkspace(db);
});

test("the Changes tab downloads its filter as CSV: the database's rows, in the tab's order, named after the filter", async ({
  page,
  db,
}) => {
  await signInAs(page, "reader");
  // One change marked Suspicious: the Unreviewed filter must leave it out.
  const conf = await db.changeRecord.findFirstOrThrow({ where: { workspaceId, target: { contains: "conf" } }, orderBy: { id: "asc" } });
  await db.changeRecord.updateMany({ where: { id: conf.id }, data: { reviewState: "Suspicious" } });

  await page.goto(`/fim/workspaces/${workspaceId}`);
  await page.getByRole("tab", { name: "Changes" }).click();
  await page.getByRole("searchbox", { name: "Search changes by path, key or machine" }).fill("conf");
  await page.getByRole("combobox", { name: "Review state" }).click();
  await page.getByRole("option", { name: "Unreviewed" }).click();
  await expect(page).toHaveURL(/q=conf/);
  await expect(page).toHaveURL(/review=Unreviewed/);
  await screenshot(page, "export-changes-tab");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`changes_${WS}_last-7d_Unreviewed_search-conf.csv`);
  const rows = parseCsvObjects(fs.readFileSync((await download.path())!, "utf8"));

  const expected = (await db.changeRecord.findMany({ where: { workspaceId, reviewState: "Unreviewed" } }))
    .filter((r) => r.target.toLowerCase().includes("conf"))
    .sort((a, b) => b.timeGenerated.getTime() - a.timeGenerated.getTime() || (a.id < b.id ? 1 : -1));
  expect(expected.length).toBeGreaterThan(10);
  expect(rows.map((r) => r.ChangeId)).toEqual(expected.map((r) => r.id));
  expect(rows.map((r) => r.ChangeId)).not.toContain(conf.id);
  expect(rows[0]).toMatchObject({
    TimeGenerated: expected[0].timeGenerated.toISOString(),
    Computer: expected[0].computer,
    ConfigChangeType: expected[0].changeType,
    ChangeCategory: expected[0].category,
    Target: expected[0].target,
    ReviewState: "Unreviewed",
  });
});

test("the Servers tab and the workspace list download as CSV", async ({ page, db }) => {
  await signInAs(page, "reader");
  await page.goto(`/fim/workspaces/${workspaceId}?tab=servers`);
  const [machines] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(machines.suggestedFilename()).toBe(`machines_${WS}_last-7d.csv`);
  const names = (await db.machine.findMany({ where: { workspaceId } })).map((m) => m.name).sort();
  const listed = parseCsvObjects(fs.readFileSync((await machines.path())!, "utf8")).map((r) => r.Computer);
  expect([...listed].sort()).toEqual(names);

  await page.goto("/fim");
  const bar = page.getByRole("toolbar", { name: "File integrity monitoring commands" });
  await expect(page.getByRole("link", { name: WS })).toBeVisible();
  await screenshot(page, "export-workspace-list");
  const [list] = await Promise.all([page.waitForEvent("download"), bar.getByRole("link", { name: "Download CSV" }).click()]);
  expect(list.suggestedFilename()).toMatch(/^workspaces_\d{4}-\d{2}-\d{2}\.csv$/);
  expect(parseCsvObjects(fs.readFileSync((await list.path())!, "utf8")).map((r) => r.Name)).toContain(WS);
});

test("Download report on the dashboard makes a PDF of the period naming the workspace", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, "reader");
  await page.goto(`/fim/workspaces/${workspaceId}?period=30d`);
  const bar = page.getByRole("toolbar", { name: "Dashboard commands" });
  await expect(page.getByRole("table", { name: "Computers" })).toContainText("exp-lnx-0001");
  await screenshot(page, "export-dashboard-commands");
  const [download] = await Promise.all([page.waitForEvent("download"), bar.getByRole("link", { name: "Download report" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^fim-report_${WS}_last-30d_\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // The text as a PDF reader extracts it: deterministic, whatever the stream compression.
  const text = await pdfText(bytes);
  expect(text).toContain("File integrity monitoring report");
  expect(text).toContain(WS);
  expect(text).toContain("Last 30 days");
  expect(text).toContain("reader@contoso.com");
  expect(text).toMatch(/Page 1 of \d+/);
});
