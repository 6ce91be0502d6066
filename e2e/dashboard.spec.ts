import type { Page } from "@playwright/test";
import type { Db } from "@/lib/server/db";
import { seedDashboardFixture, SSHD_AFTER_SHA, SSHD_BEFORE_SHA } from "@/lib/server/changes/dashboard-fixture";
import { generateFleet } from "@/lib/server/changes/synthetic-fleet";
import { test, expect, signInAs, screenshot } from "./support/fixtures";

// The FIM dashboard of a workspace. Two workspaces of our own, written through commitScan: a small one with known
// changes (search, details) and a fleet of 24 machines with 600 changes over 30 days (every number vs the database).
// Their machines are REMOTE agents, which the scanner worker leaves alone, so the counts hold still during the test.

const FIXTURE_WS = "contoso-fim-e2e";
const FLEET_WS = "contoso-fleet-e2e";

async function ensureWorkspaces(db: Db): Promise<{ fixture: string; fleet: string }> {
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const fixture =
    (await db.workspace.findFirst({ where: { name: FIXTURE_WS } }))?.id ?? (await seedDashboardFixture(db, sub.id, FIXTURE_WS)).workspaceId;
  let fleet = await db.workspace.findFirst({ where: { name: FLEET_WS } });
  if (!fleet) {
    fleet = await db.workspace.create({
      data: { subscriptionId: sub.id, name: FLEET_WS, location: "North Europe", resourceGroup: "rg-fleet", fimEnabled: true },
    });
    await generateFleet(db, {
      workspaceId: fleet.id,
      machines: 24,
      records: 600,
      days: 30,
      now: new Date(),
      seed: 7,
      namePrefix: "e2e",
      maxScanChanges: 8,
    });
  }
  return { fixture, fleet: fleet.id };
}

const kpi = (page: Page, title: string) => page.getByRole("region", { name: title }).locator("span").first();
const legendButton = (page: Page, chart: string, label: string) =>
  page.getByRole("list", { name: chart }).getByRole("button", { name: new RegExp(`^${label}:`) });
const fmt = (n: number) => n.toLocaleString("en-US");

let ids: { fixture: string; fleet: string };

test.beforeAll(async ({ db }) => {
  // Written through commitScan while the server's scanner writes too: give it time.
  test.setTimeout(240_000);
  ids = await ensureWorkspaces(db);
});

test.describe("FIM dashboard", () => {
  test("every number follows the Filter and equals the database for that period", async ({ page, db }) => {
    test.setTimeout(90_000);
    await signInAs(page, "owner");
    // The server's own bounds of each period, from its answers: the database is counted over exactly those instants.
    const periodFrom = new Map<string, string>();
    page.on("response", async (r) => {
      if (!r.url().includes(`/api/v1/workspaces/${ids.fleet}/summary?`) || !r.ok()) return;
      const body = (await r.json()) as { period: { key: string; from: string } };
      periodFrom.set(body.period.key, body.period.from);
    });
    await page.goto(`/fim/workspaces/${ids.fleet}`);
    await expect(page.getByRole("heading", { name: FLEET_WS, level: 1 })).toBeVisible();
    const computers = page.getByRole("table", { name: "Computers" });
    await expect(computers.getByRole("row")).toHaveCount(25);
    await screenshot(page, "dashboard");

    for (const [label, key] of [
      ["Last hour", "1h"],
      ["Last 24 hours", "24h"],
      ["Last 7 days", "7d"],
      ["Last 30 days", "30d"],
    ] as const) {
      await page.getByRole("button", { name: "Filter" }).click();
      await page.getByRole("radio", { name: label }).check();
      if (label === "Last 30 days") await screenshot(page, "dashboard-filter");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(new RegExp(`period=${key}`));
      await expect.poll(() => periodFrom.get(key)).toBeTruthy();
      await expect(computers).toHaveAttribute("aria-busy", "false");
      const where = { workspaceId: ids.fleet, timeGenerated: { gt: new Date(periodFrom.get(key)!) } };
      const total = await db.changeRecord.count({ where });
      await expect(page.getByText(`Time range: ${label}`)).toBeVisible();
      await expect(kpi(page, "Total changes")).toHaveText(fmt(total));
      await expect(kpi(page, "Total machines connected")).toHaveText("24");
      for (const [type, text] of [
        ["Files", "Files"],
        ["Registry", "Registry"],
        ["WindowsServices", "Windows services"],
      ] as const) {
        const n = await db.changeRecord.count({ where: { ...where, changeType: type } });
        await expect(legendButton(page, "Changes by type", text)).toContainText(fmt(n));
      }
      for (const category of ["Added", "Modified", "Removed"] as const) {
        const n = await db.changeRecord.count({ where: { ...where, category } });
        await expect(legendButton(page, "Changes by category", category)).toContainText(fmt(n));
      }
      // Servers tab: each listed computer's counts.
      const rows = page.getByRole("table", { name: "Computers" }).getByRole("row");
      await expect(rows).toHaveCount(1 + 24);
      for (const i of [1, 2, 24]) {
        const cells = rows.nth(i).getByRole("cell");
        const name = (await cells.nth(0).innerText()).trim();
        const m = await db.machine.findFirstOrThrow({ where: { workspaceId: ids.fleet, name } });
        const files = await db.changeRecord.count({ where: { ...where, machineId: m.id, changeType: "Files" } });
        const all = await db.changeRecord.count({ where: { ...where, machineId: m.id } });
        await expect(cells.nth(1)).toHaveText(fmt(all));
        await expect(cells.nth(2)).toHaveText(fmt(files));
      }
      if (label === "Last 7 days") await screenshot(page, "dashboard-servers");
      // Changes tab: the page says how many there are.
      await page.getByRole("tab", { name: "Changes" }).click();
      await expect(page.getByRole("navigation", { name: "Changes pages" })).toContainText(
        total ? new RegExp(`Showing changes 1–\\d+ of ${fmt(total)}`) : "No changes",
      );
      if (label === "Last 30 days") await screenshot(page, "dashboard-changes");
      await page.getByRole("tab", { name: "Servers" }).click();
    }
  });

  test("the Changes tab pages through a period without repeating or losing a change", async ({ page, db }) => {
    await signInAs(page, "reader");
    const pages: string[][] = [];
    let from = "";
    page.on("response", async (r) => {
      if (!r.url().includes(`/api/v1/workspaces/${ids.fleet}/changes?`) || !r.ok()) return;
      const body = (await r.json()) as { changes: { id: string }[]; period: { from: string } };
      from ||= body.period.from;
      pages.push(body.changes.map((x) => x.id));
    });
    await page.goto(`/fim/workspaces/${ids.fleet}?period=30d&tab=changes&sort=machine`);
    const table = page.getByRole("table", { name: "Changes" });
    await expect(table.getByRole("row")).toHaveCount(51);
    for (let p = 2; p <= 3; p++) {
      await page.getByRole("button", { name: "Next" }).click();
      await expect(page).toHaveURL(new RegExp(`page=${p}`));
      await expect(page.getByText(new RegExp(`Showing changes ${fmt((p - 1) * 50 + 1)}–${fmt(p * 50)} of`))).toBeVisible();
    }
    await expect.poll(() => pages.length).toBe(3);
    // The same 150 changes, in the same order, as the database sorted by machine name, then newest first.
    const machines = new Map((await db.machine.findMany({ where: { workspaceId: ids.fleet } })).map((m) => [m.id, m.name]));
    const expected = (await db.changeRecord.findMany({ where: { workspaceId: ids.fleet, timeGenerated: { gt: new Date(from) } } }))
      .sort(
        (a, b) =>
          machines.get(a.machineId)!.localeCompare(machines.get(b.machineId)!) ||
          b.timeGenerated.getTime() - a.timeGenerated.getTime() ||
          (a.id < b.id ? 1 : -1),
      )
      .map((r) => r.id);
    expect(pages.flat()).toEqual(expected.slice(0, 150));
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(page.getByText(/Showing changes 51–100 of/)).toBeVisible();
    await expect.poll(() => pages[pages.length - 1]).toEqual(expected.slice(50, 100));
  });

  test("search finds a seeded change and its details show the right before and after values", async ({ page }) => {
    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${ids.fixture}?tab=changes`);
    const search = page.getByRole("searchbox", { name: "Search changes by path, key or machine" });
    await search.fill("SSHD_CONFIG");
    await search.press("Enter");
    const panel = page.getByRole("dialog", { name: "Change details" });
    await expect(panel).toBeVisible();
    await expect(page).toHaveURL(/q=SSHD_CONFIG/);
    await expect(panel.getByLabel("Path or key")).toHaveText("/etc/ssh/sshd_config");
    await expect(panel.getByText("web-fim-01")).toBeVisible();
    const values = panel.getByRole("table", { name: "Previous and current values" });
    const row = (attr: string) => values.getByRole("row").filter({ has: page.getByRole("rowheader", { name: attr }) });
    await expect(row("SHA-256").getByRole("cell").nth(0)).toHaveText(SSHD_BEFORE_SHA);
    await expect(row("SHA-256").getByRole("cell").nth(1)).toHaveText(SSHD_AFTER_SHA);
    await expect(row("ACL").getByRole("cell").nth(0)).toHaveText("root:rw-,root:r--,other:r--");
    await expect(row("ACL").getByRole("cell").nth(1)).toHaveText("root:rw-,root:r--,other:---");
    await expect(panel.getByText("sshd config", { exact: true })).toBeVisible();
    const diff = panel.getByRole("table", { name: "Content diff, before and after" });
    await expect(diff.getByRole("row", { name: "Removed line" })).toHaveText(/PermitRootLogin no/);
    await expect(diff.getByRole("row", { name: "Added line" })).toHaveCount(2);
    await expect(diff.getByRole("row", { name: "Added line" }).first()).toHaveText(/PermitRootLogin yes/);
    await screenshot(page, "dashboard-change-details");
    const url = page.url();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("table", { name: "Changes" }).getByRole("row")).toHaveCount(2);
    await expect(search).toBeFocused();

    // The link reproduces the view, panel included.
    await page.goto(url);
    await expect(page.getByRole("dialog", { name: "Change details" }).getByLabel("Path or key")).toHaveText("/etc/ssh/sshd_config");
  });

  test("the search box, focused while the page still loads, gets the focus back when Change details closes", async ({ page }) => {
    await signInAs(page, "reader");
    // The page's scripts wait until the search box has the focus: the user clicked in it before the page hydrated.
    let focused!: () => void;
    const searchFocused = new Promise<void>((resolve) => (focused = resolve));
    await page.route("**/_next/static/chunks/**", async (route) => {
      await searchFocused;
      await route.continue();
    });
    await page.goto(`/fim/workspaces/${ids.fixture}?tab=changes`, { waitUntil: "commit" });
    const search = page.getByRole("searchbox", { name: "Search changes by path, key or machine" });
    await search.focus();
    focused();
    // Hydrated: React has attached its props to the input (no user-visible sign tells it).
    await page.waitForFunction(() => {
      const input = document.querySelector("input[type=search]");
      return !!input && Object.keys(input).some((k) => k.startsWith("__reactProps"));
    });
    await expect(search).toBeFocused();
    await search.fill("SSHD_CONFIG");
    await search.press("Enter");
    const panel = page.getByRole("dialog", { name: "Change details" });
    await expect(panel.getByLabel("Path or key")).toHaveText("/etc/ssh/sshd_config");
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(search).toBeFocused();
  });

  test("a chart slice filters the Changes tab, and registry and service values show side by side", async ({ page }) => {
    await signInAs(page, "owner");
    await page.goto(`/fim/workspaces/${ids.fixture}?period=30d`);
    await legendButton(page, "Changes by type", "Registry").click();
    await expect(page).toHaveURL(/tab=changes/);
    await expect(page.getByText("Type: Registry")).toBeVisible();
    const rows = page.getByRole("table", { name: "Changes" }).getByRole("row");
    await expect(rows).toHaveCount(2);
    await rows.nth(1).click();
    const panel = page.getByRole("dialog", { name: "Change details" });
    await expect(panel.getByText("C:\\Users\\Public\\upd.exe")).toBeVisible();
    await panel.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Remove filter Type: Registry" }).click();
    await legendButton(page, "Changes by category", "Removed").click();
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("/etc/ntp.conf");
  });

  test("the Servers tab shows a selected machine's query and its results, and a row expands", async ({ page }) => {
    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${ids.fixture}`);
    const computers = page.getByRole("table", { name: "Computers" });
    await expect(computers.getByRole("row")).toHaveCount(4); // header + 3 machines, the idle one included
    await expect(computers.getByRole("row").filter({ hasText: "idle-fim-01" }).getByRole("cell").nth(1)).toHaveText("0");
    await computers.getByRole("row").filter({ hasText: "web-fim-01" }).click();
    const selected = page.getByRole("region", { name: "Selected computer" });
    await expect(selected.getByLabel("Log Analytics query")).toHaveText(
      'ConfigurationChange\n| where Computer == "web-fim-01"\n| where TimeGenerated > ago(7d)\n| where ConfigChangeType in ("Files", "Registry", "WindowsServices")\n| order by TimeGenerated desc',
    );
    const results = selected.getByRole("table", { name: "Query results" });
    await expect(results.getByRole("row")).toHaveCount(4);
    await results.getByRole("row").filter({ hasText: "/etc/ntp.conf" }).click();
    await expect(results.getByRole("table", { name: "Previous and current values" })).toBeVisible();
    await screenshot(page, "dashboard-servers-query");
  });

  test("tabs, rows and the details panel work with the keyboard", async ({ page }) => {
    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${ids.fixture}?period=30d`);
    await expect(page.getByRole("table", { name: "Computers" }).getByRole("row")).toHaveCount(4);
    await page.getByRole("tab", { name: "Servers" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("tab", { name: "Changes" })).toHaveAttribute("aria-selected", "true");
    const rows = page.getByRole("table", { name: "Changes" }).getByRole("row");
    await expect(rows).toHaveCount(7);
    await rows.nth(1).focus();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog", { name: "Change details" });
    await expect(panel).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(page).not.toHaveURL(/change=/);
    await expect(rows.nth(2)).toBeFocused();
  });

  test("a change of another workspace is not found through this workspace's address", async ({ page, db }) => {
    await signInAs(page, "owner");
    const other = await db.changeRecord.findFirstOrThrow({ where: { workspaceId: ids.fleet } });
    const res = await page.request.get(`/api/v1/workspaces/${ids.fixture}/changes/${other.id}`);
    expect(res.status()).toBe(404);
    const bad = await page.request.get(`/api/v1/workspaces/${ids.fixture}/summary?from=2026-01-02T00:00:00Z`);
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fields[0].field).toBe("to");
  });
});
