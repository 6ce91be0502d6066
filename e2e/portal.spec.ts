import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { Db } from "@/lib/server/db";
import { seedDashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import { test, expect, signInAs, screenshot, portal, signOutLocally } from "./support/fixtures";

// The portal as an Azure-portal user meets it: the Workload protections home, Back and Forward on the dashboard,
// what each machine's state says, the workspace list's sorting and links, names made of invisible characters.
// Its own workspaces: a FIM one with known changes (REMOTE machines: the scanner leaves them alone) and one with FIM off.

const WS = "contoso-portal-e2e";
const OFF_WS = "contoso-portal-off-e2e";
const MISSING_VAR_ERROR = "The environment variable %VIGIL_E2E_UNDEFINED% is not defined on this machine.";

async function ensureWorkspaces(db: Db): Promise<{ ws: string; off: string }> {
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = (await db.workspace.findFirst({ where: { name: WS } }))?.id ?? (await seedDashboardFixture(db, sub.id, WS)).workspaceId;
  let off = await db.workspace.findFirst({ where: { name: OFF_WS } });
  if (!off) {
    off = await db.workspace.create({
      data: { subscriptionId: sub.id, name: OFF_WS, location: "East US", resourceGroup: "rg-off", fimEnabled: false },
    });
    await db.machine.create({
      data: {
        workspaceId: off.id,
        name: "off-fim-01",
        osFamily: "LINUX",
        osVersion: "Ubuntu 22.04 LTS",
        source: "AZURE_VM",
        agentKind: "REMOTE",
        lastReportAt: new Date(),
        collectionStatus: "HEALTHY",
      },
    });
  }
  return { ws, off: off.id };
}

/**
 * The fixture's machines as the states need them, just before the page reads them: dc-fim-01 reported now;
 * idle-fim-01 reported now but one entity fails (an undefined variable); web-fim-01 is silent for two days.
 */
async function setStates(db: Db, ws: string) {
  const machine = (name: string) => db.machine.findFirstOrThrow({ where: { workspaceId: ws, name } });
  const [dc, idle, web] = await Promise.all([machine("dc-fim-01"), machine("idle-fim-01"), machine("web-fim-01")]);
  const now = new Date();
  await db.machine.updateMany({
    where: { id: { in: [dc.id, idle.id] } },
    data: { lastReportAt: now, collectionStatus: "HEALTHY", lastError: null },
  });
  await db.machine.update({ where: { id: web.id }, data: { lastReportAt: new Date(now.getTime() - 2 * 86_400_000) } });
  const entity =
    (await db.trackedEntity.findFirst({ where: { workspaceId: ws, itemName: "app settings" } })) ??
    (await db.trackedEntity.create({
      data: { workspaceId: ws, kind: "WINDOWS_FILE", itemName: "app settings", path: "%VIGIL_E2E_UNDEFINED%\\app.ini", pathType: "FILE" },
    }));
  await db.entityCollectionState.upsert({
    where: { machineId_entityId: { machineId: idle.id, entityId: entity.id } },
    create: { machineId: idle.id, entityId: entity.id, baselineAt: now, lastScanAt: now, lastError: MISSING_VAR_ERROR },
    update: { lastScanAt: now, lastError: MISSING_VAR_ERROR },
  });
}

const computerRow = (page: Page, name: string) => page.getByRole("table", { name: "Computers" }).getByRole("row").filter({ hasText: name });

let ids: { ws: string; off: string };

test.beforeAll(async ({ db }) => {
  test.setTimeout(120_000);
  ids = await ensureWorkspaces(db);
});

test("home is Workload protections; its File integrity monitoring tile opens the workspace list, sorted by name with every column sortable", async ({
  page,
  db,
}) => {
  await signInAs(page, "owner");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Workload protections", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Defender for Cloud coverage" })).toBeVisible();
  const advanced = page.getByRole("region", { name: "Advanced protection" });
  const tile = advanced.getByRole("link", { name: /^File integrity monitoring: / });
  const workspaces = await db.workspace.findMany({ include: { _count: { select: { machines: true } } }, orderBy: { name: "asc" } });
  const enabled = workspaces.filter((w) => w.fimEnabled);
  await expect(tile).toContainText(`${enabled.length} of ${workspaces.length} enabled`);
  await tile.click();

  await expect(page).toHaveURL(/\/fim$/);
  const table = page.getByRole("table", { name: "Workspaces" });
  await expect(table.getByRole("columnheader", { name: "Total changes (last 7 days)" })).toBeVisible();
  const names = () => table.getByRole("row").locator("td:first-child a").allInnerTexts();
  // Every name is a link (FIM enabled or not), and the rows come sorted by name.
  const byName = workspaces.map((w) => w.name).sort((a, b) => a.localeCompare(b, "en"));
  await expect.poll(names).toEqual(byName);
  await table.getByRole("columnheader", { name: "Name" }).click();
  await expect.poll(names).toEqual([...byName].reverse());
  await table.getByRole("columnheader", { name: "Total computers and VMs" }).click();
  const byMachines = [...workspaces].sort((a, b) => a._count.machines - b._count.machines || a.name.localeCompare(b.name, "en"));
  await expect.poll(names).toEqual(byMachines.map((w) => w.name));
  await table.getByRole("link", { name: OFF_WS, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/fim/workspaces/${ids.off}$`));

  // The portal's icon is served where browsers look for it.
  expect((await page.request.get("/favicon.ico")).status()).toBe(200);
});

test("Back and Forward step through the dashboard's tab, computer, change and period", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, "reader");
  await page.goto(`/fim/workspaces/${ids.ws}?period=30d`);
  const tabs = page.getByRole("tablist", { name: "Dashboard views" });
  const selectedComputer = page.getByRole("region", { name: "Selected computer" });
  const details = page.getByRole("dialog", { name: "Change details" });
  await expect(tabs.getByRole("tab", { name: "Servers" })).toHaveAttribute("aria-selected", "true");

  await computerRow(page, "dc-fim-01").click();
  await expect(selectedComputer).toBeVisible();
  await tabs.getByRole("tab", { name: "Changes" }).click();
  await expect(page).toHaveURL(/tab=changes/);
  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("radio", { name: "Last 7 days" }).check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/period=7d/);
  await page.getByRole("table", { name: "Changes" }).getByRole("row").nth(1).click();
  await expect(details).toBeVisible();

  await page.goBack();
  await expect(details).toBeHidden();
  await expect(page).toHaveURL(/period=7d/);
  await page.goBack();
  await expect(page).toHaveURL(/period=30d/);
  await expect(tabs.getByRole("tab", { name: "Changes" })).toHaveAttribute("aria-selected", "true");
  await page.goBack();
  await expect(tabs.getByRole("tab", { name: "Servers" })).toHaveAttribute("aria-selected", "true");
  await expect(selectedComputer).toBeVisible();
  await page.goBack();
  await expect(selectedComputer).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/fim/workspaces/${ids.ws}\\?period=30d$`));

  await page.goForward();
  await expect(selectedComputer).toBeVisible();
  await page.goForward();
  await expect(tabs.getByRole("tab", { name: "Changes" })).toHaveAttribute("aria-selected", "true");
});

test("each computer says whether it reports, with which errors, or why it does not", async ({ page, db }) => {
  test.setTimeout(60_000);
  await signInAs(page, "reader");
  await setStates(db, ids.ws);
  await page.goto(`/fim/workspaces/${ids.ws}`);
  await expect(computerRow(page, "dc-fim-01").getByText("Reporting", { exact: true })).toBeVisible();
  await expect(computerRow(page, "idle-fim-01")).toContainText("Reporting with errors");
  await expect(computerRow(page, "web-fim-01")).toContainText("Not reporting");

  await computerRow(page, "idle-fim-01").click();
  const selected = page.getByRole("region", { name: "Selected computer" });
  await expect(selected.getByText("Reporting with errors")).toBeVisible();
  await expect(selected.getByRole("list", { name: "Collection errors" })).toHaveText(`app settings: ${MISSING_VAR_ERROR}`);
  await computerRow(page, "web-fim-01").click();
  await expect(selected.getByText(/No scan arrived for 3 collection periods/)).toBeVisible();

  await page.goto(`/fim/workspaces/${ids.off}`);
  await expect(computerRow(page, "off-fim-01")).toContainText("Not collecting");
  await computerRow(page, "off-fim-01").click();
  await expect(
    page.getByRole("region", { name: "Selected computer" }).getByText(/File integrity monitoring is disabled on this workspace/),
  ).toBeVisible();
});

test("a name of invisible or bidi characters is refused, and stored ones render visibly and stay clickable", async ({ page, db }) => {
  await signInAs(page, "owner");
  const url = `/api/v1/workspaces/${ids.ws}/entities`;
  const entity = (itemName: string) => ({ kind: "WINDOWS_FILE", itemName, path: "C:\\data\\a.txt", pathType: "FILE" });
  const blank = await portal(page).post(url, { data: entity("\u202E") });
  expect(blank.status()).toBe(422);
  expect(JSON.stringify(await blank.json())).toContain("The item name has no visible character");
  const reversed = await portal(page).post(url, { data: entity("invoice\u202Etxt.exe") });
  expect(reversed.status()).toBe(422);
  expect(JSON.stringify(await reversed.json())).toContain("bidirectional control character (U+202E)");

  // One stored before the rule: it shows as a visible badge, and the link has a size to click.
  const legacy =
    (await db.trackedEntity.findFirst({ where: { workspaceId: ids.ws, itemName: "\u202E" } })) ??
    (await db.trackedEntity.create({
      data: { workspaceId: ids.ws, kind: "WINDOWS_FILE", itemName: "\u202E", path: "C:\\legacy\\x.txt", pathType: "FILE" },
    }));
  await page.goto(`/fim/workspaces/${ids.ws}/settings?tab=windows-files`);
  const link = page.getByRole("table", { name: "Windows files" }).getByRole("button", { name: "⟨U+202E⟩" });
  await expect(link).toBeVisible();
  expect((await link.boundingBox())!.width).toBeGreaterThan(20);
  await link.click();
  await expect(page.getByRole("dialog", { name: "Edit for Change Tracking" })).toBeVisible();
  await db.trackedEntity.delete({ where: { id: legacy.id } });
});

type Look = { theme: "light" | "dark"; width: 1440 | 1024; axe: boolean };
// Axe runs over every page in light at 1440 px and dark at 1024 px; VIGIL_E2E_SCREENS=1 adds the other two looks and
// a screenshot of every page in each (test-results/screens/pages-*), to look at.
const LOOKS: Look[] = [
  { theme: "light", width: 1440, axe: true },
  { theme: "dark", width: 1024, axe: true },
  ...(process.env.VIGIL_E2E_SCREENS === "1"
    ? ([
        { theme: "dark", width: 1440, axe: false },
        { theme: "light", width: 1024, axe: false },
      ] as Look[])
    : []),
];

async function seriousViolations(page: Page): Promise<string[]> {
  // Tabster's focus guards (Fluent UI's focus management) are aria-hidden focusable <i> elements by design.
  const { violations } = await new AxeBuilder({ page }).exclude("[data-tabster-dummy]").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const LOADED = { timeout: 30_000 };

/** Wider than the window: a horizontal scroll bar on the page or on its main area. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector("main");
    const doc = document.documentElement;
    return Math.max(doc.scrollWidth - doc.clientWidth, main ? main.scrollWidth - main.clientWidth : 0);
  });

test("every page passes axe with no serious or critical violation, in light and dark, without horizontal scroll at 1024 px", async ({
  page,
  db,
}) => {
  test.setTimeout(process.env.VIGIL_E2E_SCREENS === "1" ? 600_000 : 240_000);
  const change = await db.changeRecord.findFirstOrThrow({ where: { workspaceId: ids.ws }, orderBy: { timeGenerated: "desc" } });
  const free = await db.workspace.findFirst({ where: { subscription: { plan: "FREE" } } });
  // [name, address, the heading that says it loaded, its level]: a change's address opens Change details, a modal
  // dialog that hides the page's own heading from the accessibility tree once it is open.
  const pages: [string, string, string, number?][] = [
    ["home", "/", "Workload protections"],
    ["fim", "/fim", "File integrity monitoring"],
    ["dashboard", `/fim/workspaces/${ids.ws}?period=30d&machine=${change.machineId}`, "contoso-portal-e2e"],
    ["changes", `/fim/workspaces/${ids.ws}?period=30d&tab=changes&change=${change.id}`, "Change details", 2],
    ["settings", `/fim/workspaces/${ids.ws}/settings`, "Workspace Configuration"],
    ["logs", `/fim/workspaces/${ids.ws}/logs`, "contoso-portal-e2e | Logs"],
    ["alerts", "/fim/alerts", "Alerts"],
    ["workspace-alerts", `/fim/workspaces/${ids.ws}/alerts`, "Alerts · contoso-portal-e2e"],
    ["enable", `/fim/workspaces/${ids.off}/enable`, "Enable file integrity monitoring"],
    ...(free
      ? ([["upgrade", `/fim/workspaces/${free.id}/upgrade`, "Upgrade to Microsoft Defender for Servers Plan 2"]] as [
          string,
          string,
          string,
        ][])
      : []),
    ["tokens", "/settings/tokens", "API tokens"],
    ["api", "/docs/api", "API reference"],
  ];
  const problems: string[] = [];
  for (const look of LOOKS) {
    await page.setViewportSize({ width: look.width, height: 900 });
    await page.emulateMedia({ colorScheme: look.theme });
    await signOutLocally(page);
    const tag = `${look.theme}-${look.width}`;
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveCSS("color-scheme", look.theme);
    if (look.axe) problems.push(...(await seriousViolations(page)).map((v) => `sign-in ${tag}: ${v}`));
    if ((await horizontalOverflow(page)) > 0) problems.push(`sign-in ${tag}: scrolls horizontally`);
    await screenshot(page, `pages-sign-in-${tag}`);
    await signInAs(page, "owner");
    for (const [name, url, heading, level = 1] of pages) {
      await page.goto(url);
      await expect(page.getByRole("heading", { name: heading, level })).toBeVisible();
      await expect(page.locator("html")).toHaveCSS("color-scheme", look.theme);
      // Loaded: no skeleton and no busy table left. The Logs page's editor loads its own scripts and workers: on a
      // host as busy as `npm test` makes it, that alone once took over 10 s.
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0, LOADED);
      await expect(page.getByRole("progressbar")).toHaveCount(0, LOADED);
      if (look.axe) problems.push(...(await seriousViolations(page)).map((v) => `${name} ${tag}: ${v}`));
      if ((await horizontalOverflow(page)) > 0)
        problems.push(`${name} ${tag}: scrolls horizontally by ${await horizontalOverflow(page)} px`);
      await screenshot(page, `pages-${name}-${tag}`);
    }
  }
  expect(problems).toEqual([]);
});

test("the account menu switches to dark or light, whatever the system's setting, and back to the system's", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signInAs(page, "reader");
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveCSS("color-scheme", "light");
  const choose = async (name: string) => {
    await page.getByRole("button", { name: /^Account: / }).click();
    await page.getByRole("menuitemradio", { name }).click();
  };
  await choose("Dark");
  await expect(html).toHaveCSS("color-scheme", "dark");
  await page.reload();
  await expect(html).toHaveCSS("color-scheme", "dark");
  await choose("Use system setting");
  await expect(html).toHaveCSS("color-scheme", "light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveCSS("color-scheme", "dark");
});

test.describe("a dark system", () => {
  // The browser's own setting (context-wide), which its client hint reports; a page-level emulation does not reach it.
  test.use({ colorScheme: "dark" });
  test("gets a page rendered dark by the server, not a light page that switches after loading", async ({ page }) => {
    await signInAs(page, "reader");
    // The first answer asks for the hint; headless Chromium's emulated setting reaches the hints from the next
    // navigation on (a real browser's Critical-CH retry already carries it).
    await page.goto("/");
    const next = await page.goto("/fim");
    // The HTML as the server sent it, before any script ran.
    expect(await next!.text()).toMatch(/<html[^>]*style="color-scheme:dark"/);
    await expect(page.locator("html")).toHaveCSS("color-scheme", "dark");
  });
});
