import { test, expect, signInAs, screenshot, portal } from "./support/fixtures";
import type { Db } from "@/lib/server/db";

const wsByName = (db: Db, name: string) => db.workspace.findFirstOrThrow({ where: { name }, include: { subscription: true } });

test("the Owner upgrades a Free subscription, then enables FIM from there", async ({ page, db }) => {
  await signInAs(page, "owner");
  await page.goto("/fim");
  await page.getByRole("link", { name: "Upgrade plan for contoso-sandbox-centralus" }).click();
  await expect(page.getByRole("heading", { name: "Upgrade to Microsoft Defender for Servers Plan 2" })).toBeVisible();
  await screenshot(page, "upgrade");
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  // Upgrading leads on to enabling: the Enable page opens, saying the upgrade is done.
  await expect(page).toHaveURL(/\/enable\?upgraded=1$/);
  await expect(page.getByText("Subscription upgraded")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply file integrity monitoring" })).toBeVisible();
  expect((await wsByName(db, "contoso-sandbox-centralus")).subscription.plan).toBe("DEFENDER_SERVERS_P2");
});

test("the Owner enables FIM with the recommended entities, leaving one out", async ({ page, db }) => {
  const ws = await wsByName(db, "contoso-dev-uksouth");
  const windows = await db.machine.count({ where: { workspaceId: ws.id, osFamily: "WINDOWS" } });
  const linux = await db.machine.count({ where: { workspaceId: ws.id, osFamily: "LINUX" } });
  await signInAs(page, "owner");
  await page.goto("/fim");
  await page.getByRole("link", { name: "Enable FIM on contoso-dev-uksouth" }).click();

  await expect(page.getByRole("heading", { name: "Workspace details" })).toBeVisible();
  const facts = page.getByRole("definition");
  await expect(facts.nth(4)).toHaveText(String(windows));
  await expect(facts.nth(5)).toHaveText(String(linux));

  for (const group of ["Windows files", "Registry", "Linux files"]) {
    const header = page.getByRole("button", { name: new RegExp(`^${group}`) });
    // A click that lands before hydration is lost: click until the group reports itself expanded.
    await expect(async () => {
      if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
      await expect(header).toHaveAttribute("aria-expanded", "true", { timeout: 1000 });
    }).toPass();
  }
  const linuxGroup = page.getByRole("group", { name: "Linux files" });
  await expect(linuxGroup.getByRole("checkbox")).toHaveCount(19);
  await expect(page.getByRole("group", { name: "Windows files" }).getByRole("checkbox")).toHaveCount(10);
  await expect(page.getByRole("group", { name: "Registry" }).getByRole("checkbox")).toHaveCount(30);
  await linuxGroup.getByRole("checkbox", { name: "/etc/*.conf" }).uncheck();
  await expect(page.getByText("55 of 56 recommended entities selected")).toBeVisible();
  await screenshot(page, "enable");

  await page.getByRole("button", { name: "Apply file integrity monitoring" }).click();
  await expect(page).toHaveURL(new RegExp(`/fim/workspaces/${ws.id}\\?enabled=1$`));
  await expect(page.getByText(/File integrity monitoring is enabled on contoso-dev-uksouth with 55 tracked entities/)).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Recent activity" }).getByText("Enabled file integrity monitoring with 55 of 56 recommended entities"),
  ).toBeVisible();
  await screenshot(page, "dashboard-after-enable");

  const entities = await db.trackedEntity.findMany({ where: { workspaceId: ws.id } });
  expect(entities).toHaveLength(55);
  expect(entities.find((e) => e.path === "/etc/*.conf")).toBeUndefined();
  await page.goto("/fim");
  const row = page.getByRole("row").filter({ hasText: "contoso-dev-uksouth" });
  await expect(row.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(row.getByRole("link", { name: /Enable FIM/ })).toHaveCount(0);
});

test("the Owner disables FIM: Disable, then Remove; the history stays", async ({ page, db }) => {
  const ws = await wsByName(db, "contoso-prod-westeurope");
  const m = await db.machine.findFirstOrThrow({ where: { workspaceId: ws.id } });
  await db.changeRecord.create({
    data: {
      workspaceId: ws.id,
      machineId: m.id,
      computer: m.name,
      timeGenerated: new Date(),
      changeType: "Files",
      category: "Modified",
      target: "/etc/e2e-disable.conf",
      scanId: "e2e-disable",
      seq: 0,
    },
  });
  await signInAs(page, "owner");
  await page.goto(`/fim/workspaces/${ws.id}`);
  await page.getByRole("button", { name: "Disable" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Disable file integrity monitoring" });
  await expect(dialog).toBeVisible();
  await screenshot(page, "disable-dialog");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page).toHaveURL(/\/fim$/);
  await expect(page.getByRole("link", { name: "Enable FIM on contoso-prod-westeurope" })).toBeVisible();

  expect(await db.trackedEntity.count({ where: { workspaceId: ws.id } })).toBe(0);
  expect(await db.changeRecord.count({ where: { workspaceId: ws.id, scanId: "e2e-disable" } })).toBe(1);
  await page.goto(`/fim/workspaces/${ws.id}`);
  await expect(page.getByText(/not enabled on this workspace; the history below is what was collected before/)).toBeVisible();
});

test("the Reader sees results with no action controls and is refused by the API", async ({ page, db }) => {
  const enabled = await wsByName(db, "contoso-prod-eastus");
  const off = await wsByName(db, "contoso-prod-southeastasia");
  await signInAs(page, "reader");
  await page.goto(`/fim/workspaces/${enabled.id}`);
  await expect(page.getByRole("heading", { name: "contoso-prod-eastus" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable" })).toHaveCount(0);
  await screenshot(page, "dashboard-reader");

  await page.goto(`/fim/workspaces/${off.id}/enable`);
  await expect(page.getByText(/Only a workspace owner can enable file integrity monitoring/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply file integrity monitoring" })).toHaveCount(0);

  for (const [url, body] of [
    [`/api/v1/workspaces/${off.id}/enable`, { entities: [] }],
    [`/api/v1/workspaces/${enabled.id}/disable`, {}],
    [`/api/v1/workspaces/${off.id}/upgrade`, {}],
  ] as const) {
    const res = await portal(page).post(url, { data: body });
    expect(res.status(), url).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  }
  expect((await db.workspace.findUniqueOrThrow({ where: { id: off.id } })).fimEnabled).toBe(false);
});

test("bad requests get a clear answer and change nothing", async ({ page, db, playwright, baseURL }) => {
  const enabled = await wsByName(db, "contoso-prod-eastus");
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.post(`/api/v1/workspaces/${enabled.id}/disable`)).status()).toBe(401);
  await anonymous.dispose();

  await signInAs(page, "owner");
  const again = await portal(page).post(`/api/v1/workspaces/${enabled.id}/enable`, { data: { entities: [] } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toBe('File integrity monitoring is already enabled on "contoso-prod-eastus".');

  const unknown = await portal(page).post(`/api/v1/workspaces/no-such-workspace/enable`, { data: { entities: [] } });
  expect(unknown.status()).toBe(404);

  const bad = await portal(page).post(`/api/v1/workspaces/${enabled.id}/enable`, { data: { entities: ["LINUX_FILE:/not/recommended"] } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields[0]).toMatchObject({ field: "entities.0", message: "Pick entities from the recommended list." });
  expect(await db.trackedEntity.count({ where: { workspaceId: enabled.id } })).toBe(58);

  await page.goto("/fim/workspaces/no-such-workspace");
  await expect(page.getByRole("heading", { name: "Workspace not found" })).toBeVisible();
});
