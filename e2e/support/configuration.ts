// Helpers of the Workspace Configuration specs: the page, its tables and its panels, by role.
import type { Locator, Page } from "@playwright/test";
import type { Db } from "@/lib/server/db";
import { expect } from "./fixtures";

export const EDIT_WS = "contoso-prod-westeurope";
export const VIEW_WS = "contoso-prod-eastus";

export const wsId = async (db: Db, name: string) => (await db.workspace.findFirstOrThrow({ where: { name } })).id;

export async function openSettings(page: Page, db: Db, name: string, tab?: string) {
  const id = await wsId(db, name);
  await page.goto(`/fim/workspaces/${id}/settings${tab ? `?tab=${tab}` : ""}`);
  await expect(page.getByRole("heading", { name: "Workspace Configuration", level: 1 })).toBeVisible();
  return id;
}

export const table = (page: Page, tab: string) => page.getByRole("table", { name: tab });
export const rowOf = (page: Page, tab: string, itemName: string) =>
  table(page, tab)
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: itemName, exact: true }) });
export const addPanel = (page: Page) => page.getByRole("dialog", { name: "Add for Change Tracking" });
export const editPanel = (page: Page) => page.getByRole("dialog", { name: "Edit for Change Tracking" });

export async function choose(page: Page, panel: Locator, field: string, option: string) {
  await panel.getByRole("combobox", { name: field }).click();
  await page.getByRole("option", { name: option }).click();
}

export async function openEntity(page: Page, tab: string, itemName: string) {
  await rowOf(page, tab, itemName).getByRole("button", { name: itemName, exact: true }).click();
  await expect(editPanel(page)).toBeVisible();
  return editPanel(page);
}
