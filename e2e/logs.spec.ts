import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { Db } from "@/lib/server/db";
import { seedDashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import { test, expect, signInAs, screenshot, portal, signOutLocally } from "./support/fixtures";

// The Logs page of a workspace, as a security engineer uses the Log Analytics query window: a machine's query from
// the Servers tab opened, edited and run again; errors shown where they are; queries saved and run from the list.

const WS = "contoso-logs-e2e";
let wsId = "";

async function ensureWorkspace(db: Db): Promise<string> {
  const found = await db.workspace.findFirst({ where: { name: WS } });
  if (found) return found.id;
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  return (await seedDashboardFixture(db, sub.id, WS)).workspaceId;
}

test.beforeAll(async ({ db }) => {
  test.setTimeout(120_000);
  wsId = await ensureWorkspace(db);
});

const results = (page: Page) => page.getByRole("table", { name: "Query results" });
// A run's answer on a machine shared with other test runs: the editor's first load and a query can take seconds.
const ANSWER = { timeout: 30_000 };

/**
 * Types lines into the editor as a user would, at the cursor: each line whole (a closing quote or bracket the editor
 * added is typed over, and anything it left after the cursor removed). The line break goes in as text: the Enter key
 * takes a suggestion when the completion list is open, and the list opens a moment after the last key (Kusto's
 * worker), so a keyed Enter would sometimes take the suggested pipe instead of breaking the line.
 */
async function typeLines(page: Page, lines: string[]) {
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.insertText("\n");
    await page.keyboard.type(line);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+End");
    await page.keyboard.press("Delete");
  }
}

/** Replaces the editor's text. */
async function typeQuery(page: Page, ...lines: string[]) {
  await page.getByTestId("query-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await typeLines(page, lines);
}

test.describe("Logs", () => {
  test("a machine's query opens in Logs from the Servers tab, narrows with has, and runs with Shift+Enter", async ({ page }) => {
    test.setTimeout(60_000);
    await signInAs(page, "owner");
    await page.goto(`/fim/workspaces/${wsId}`);
    await page.getByRole("table", { name: "Computers" }).getByRole("row").filter({ hasText: "web-fim-01" }).click();
    await page.getByRole("region", { name: "Selected computer" }).getByRole("link", { name: "Open in Logs" }).click();
    await expect(page).toHaveURL(/\/logs\?query=/);
    await expect(page.getByRole("heading", { name: `${WS} | Logs` })).toBeVisible();
    // Opened with the query, it runs at once: the machine's changes of the last 7 days.
    await expect(results(page).getByRole("row").filter({ hasText: "/etc/new.conf" })).toHaveCount(1, ANSWER);
    await expect(results(page).getByRole("row").filter({ hasText: "/etc/ssh/sshd_config" })).toHaveCount(1);
    await expect(page.getByRole("button", { name: /Time range : Set in query/ })).toBeVisible();

    // Add a line at the end and run it again with Shift+Enter.
    await page.getByTestId("query-editor").click();
    await page.keyboard.press("ControlOrMeta+End");
    await typeLines(page, ["", '| where FileSystemPath has "ssh"']);
    await page.keyboard.press("Shift+Enter");
    await expect(results(page).getByRole("row").filter({ hasText: "/etc/new.conf" })).toHaveCount(0, ANSWER);
    await expect(results(page).getByRole("row")).toHaveCount(2); // header + sshd_config
    await expect(results(page).getByRole("row").nth(1)).toContainText("/etc/ssh/sshd_config");
    await screenshot(page, "logs-results");

    // Export to CSV: every row of the narrowed query, with its columns.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export to CSV" }).click()]);
    const csv = fs
      .readFileSync(await download.path(), "utf8")
      .trimEnd()
      .split("\r\n");
    expect(csv[0]).toMatch(/^TimeGenerated,Computer,ConfigChangeType,ChangeCategory,FieldsChanged,FileSystemPath,/);
    expect(csv.slice(1).map((line) => line.includes("/etc/ssh/sshd_config"))).toEqual([true]);

    // The run is the first of the user's recent queries.
    await page.getByRole("tab", { name: "Recent" }).click();
    await expect(page.getByRole("list", { name: "Recent queries" }).getByRole("listitem").first()).toContainText('has "ssh"');
    // The editor's loader leaves the rest of the portal working: on to the workspace list without a page load.
    await page.getByRole("link", { name: "File integrity monitoring", exact: true }).first().click();
    await expect(page).toHaveURL(/\/fim$/);
    await expect(page.getByRole("link", { name: WS })).toBeVisible();
  });

  test("a syntax error and an unsupported operator are shown at their position", async ({ page }) => {
    // The editor and its workers load under the page's policy without being refused anything.
    const refused: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) refused.push(msg.text());
    });
    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${wsId}/logs`);
    // Completion knows the workspace's tables and their Log Analytics columns.
    await page.getByTestId("query-editor").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("ConfigurationChange | where FileSys");
    await expect(page.locator(".suggest-widget")).toContainText("FileSystemPath", ANSWER);
    await page.keyboard.press("Escape");
    await typeQuery(page, "ConfigurationChange", "| mv-expand Name");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const bar = page.getByText("The query could not run").locator("..");
    await expect(bar).toContainText("mv-expand", ANSWER);
    await expect(bar).toContainText("Line 2, column 3.");
    // The part the server refused is marked in the editor, exactly.
    const marked = page.locator(".kql-server-error");
    // Monaco renders spaces as no-break spaces.
    await expect.poll(async () => (await marked.allTextContents()).join("").replace(/\u00a0/g, " ")).toBe("mv-expand Name");
    await expect(page.locator(".squiggly-error").first()).toBeVisible();
    await screenshot(page, "logs-error");

    await typeQuery(page, "ConfigurationChange | where");
    await page.keyboard.press("Shift+Enter");
    await expect(bar).toContainText(/Line 1, column \d+\./, ANSWER);
    await expect(marked.first()).toBeVisible();
    expect(refused).toEqual([]);
  });

  test("a time bin draws a chart", async ({ page }) => {
    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${wsId}/logs`);
    await page.getByRole("button", { name: /Time range/ }).click();
    await page.getByRole("menuitemradio", { name: "Last 30 days" }).click();
    await typeQuery(page, "ConfigurationChange", "| summarize count() by Computer, bin(TimeGenerated, 1d)");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(results(page)).toContainText("web-fim-01", ANSWER);
    await page.getByRole("tab", { name: "Chart" }).click();
    await expect(page.getByRole("img", { name: /Time chart: 2 series/ })).toBeVisible();
    await screenshot(page, "logs-chart");
  });

  test("a Contributor saves a query that a Reader runs from the saved list but cannot save", async ({ page }) => {
    test.setTimeout(60_000);
    await signInAs(page, "contributor");
    await page.goto(`/fim/workspaces/${wsId}/logs`);
    await typeQuery(page, "ConfigurationChange", '| where ConfigChangeType == "Registry"', "| project Computer, RegistryKey, ValueName");
    await page.getByRole("button", { name: /Time range/ }).click();
    await page.getByRole("menuitemradio", { name: "Last 30 days" }).click();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Save as query" });
    await dialog.getByRole("textbox", { name: "Query name" }).fill("Registry changes");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("list", { name: "Saved queries" })).toContainText("Registry changes");
    await signOutLocally(page);

    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${wsId}/logs`);
    await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
    await page.getByRole("list", { name: "Saved queries" }).getByRole("button", { name: "Run Registry changes" }).click();
    await expect(results(page).getByRole("row").filter({ hasText: "Updater" })).toHaveCount(1, ANSWER);
    await expect(page.getByRole("button", { name: /Time range : Last 30 days/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete Registry changes" })).toHaveCount(0);
    const refused = await portal(page).post(`/api/v1/workspaces/${wsId}/saved-queries`, {
      data: { name: "mine", query: "ConfigurationChange", timespan: "PT24H" },
    });
    expect(refused.status()).toBe(403);

    const { violations } = await new AxeBuilder({ page }).exclude("[data-tabster-dummy]").analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
