import type { Locator, Page } from "@playwright/test";
import { test, expect, signInAs, screenshot } from "./support/fixtures";
import { EDIT_WS, VIEW_WS, wsId, openSettings, table, rowOf, addPanel, choose, openEntity } from "./support/configuration";

type TabCase = {
  tab: string;
  itemName: string;
  fill: (panel: Locator, page: Page) => Promise<void>;
  stored: { path: string; valueName?: string; frequencySec?: number };
  edit: (panel: Locator) => Promise<void>;
  edited: { path: string; valueName?: string; frequencySec?: number };
};

const CASES: TabCase[] = [
  {
    tab: "Windows registry",
    itemName: "e2e lsa",
    fill: async (p) => {
      await p.getByLabel("Windows Registry Key").fill("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa");
      await p.getByLabel("Value name").fill("RunAsPPL");
    },
    stored: { path: "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa", valueName: "RunAsPPL" },
    edit: (p) => p.getByLabel("Value name").fill("LsaCfgFlags"),
    edited: { path: "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa", valueName: "LsaCfgFlags" },
  },
  {
    tab: "Windows files",
    itemName: "e2e app ini",
    fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("C:\\App\\*.ini"),
    stored: { path: "C:\\App\\*.ini" },
    edit: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("C:\\App\\conf\\*.ini"),
    edited: { path: "C:\\App\\conf\\*.ini" },
  },
  {
    tab: "Linux Files",
    itemName: "e2e app conf",
    fill: async (p, page) => {
      await p.getByRole("textbox", { name: "Path", exact: true }).fill("/opt/vigil-e2e");
      await choose(page, p, "Path Type", "Directory");
      await p.getByRole("switch", { name: /Recursion/ }).check();
    },
    stored: { path: "/opt/vigil-e2e" },
    edit: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/opt/vigil-e2e/conf.d"),
    edited: { path: "/opt/vigil-e2e/conf.d" },
  },
  {
    tab: "Windows services",
    itemName: "e2e spooler",
    fill: async (p) => {
      await p.getByLabel("Service name").fill("Spooler");
      await p.getByLabel("Frequency (seconds)").fill("60");
    },
    stored: { path: "Spooler", frequencySec: 60 },
    edit: async (p) => {
      await p.getByLabel("Service name").fill("W32Time");
      await p.getByLabel("Frequency (seconds)").fill("10");
    },
    edited: { path: "W32Time", frequencySec: 10 },
  },
];

test.describe("Workspace Configuration", () => {
  test("Settings on the dashboard opens the five tabs, each listing its entities with the fields of its kind", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await wsId(db, VIEW_WS);
    await page.goto(`/fim/workspaces/${id}`);
    await page.getByRole("toolbar", { name: "Dashboard commands" }).getByRole("button", { name: "Settings" }).click();
    await expect(page).toHaveURL(new RegExp(`/fim/workspaces/${id}/settings`));
    await expect(page.getByRole("heading", { name: "Workspace Configuration", level: 1 })).toBeVisible();
    const tabs = page.getByRole("tablist", { name: "Entity types" }).getByRole("tab");
    await expect(tabs).toHaveCount(5);
    for (const [i, name] of ["Windows registry", "Windows files", "Linux Files", "File content", "Windows services"].entries()) {
      await expect(tabs.nth(i)).toHaveAccessibleName(name);
    }

    const headers: Record<string, string[]> = {
      "Windows registry": ["Enabled", "Item Name", "Group", "Windows Registry Key", "Recursion", "Value name"],
      "Windows files": ["Enabled", "Item Name", "Group", "Path", "Path Type", "Recursion", "Upload file content"],
      "Linux Files": ["Enabled", "Item Name", "Group", "Path", "Path Type", "Recursion", "Use Sudo", "Links", "Upload file content"],
      "File content": ["Enabled", "Item Name", "Group", "Path", "Tracked on", "Path Type", "Recursion"],
      "Windows services": ["Enabled", "Item Name", "Group", "Service name", "Frequency"],
    };
    const kinds = {
      "Windows registry": "WINDOWS_REGISTRY",
      "Windows files": "WINDOWS_FILE",
      "Linux Files": "LINUX_FILE",
      "Windows services": "WINDOWS_SERVICE",
    } as const;
    for (const [tab, cols] of Object.entries(headers)) {
      await page.getByRole("tab", { name: tab }).click();
      await expect(table(page, tab).getByRole("columnheader")).toHaveText(cols);
      const kind = kinds[tab as keyof typeof kinds];
      const expected = kind
        ? await db.trackedEntity.count({ where: { workspaceId: id, kind } })
        : await db.trackedEntity.count({
            where: {
              workspaceId: id,
              OR: [{ uploadContent: true, kind: { in: ["WINDOWS_FILE", "LINUX_FILE"] } }, { kind: "FILE_CONTENT" }],
            },
          });
      // The empty state is one row; otherwise one row per entity, plus the header.
      await expect(table(page, tab).getByRole("row")).toHaveCount(1 + Math.max(expected, 1));
      await screenshot(page, `configuration-tab-${tab.toLowerCase().replace(/ /g, "-")}`);
    }
    await page.getByRole("tab", { name: "Linux Files" }).click();
    await expect(rowOf(page, "Linux Files", "passwd").getByRole("cell")).toHaveText([
      "True",
      "passwd",
      "Linux files",
      "/bin/passwd",
      "File",
      "Off",
      "On",
      "Follow",
      "False",
    ]);
    await expect(page).toHaveURL(/\?tab=linux-files$/);
  });

  for (const c of CASES) {
    test(`${c.tab}: add, edit, disable and delete an entity`, async ({ page, db }) => {
      await signInAs(page, "owner");
      const id = await openSettings(page, db, EDIT_WS);
      const version = async () => (await db.workspace.findUniqueOrThrow({ where: { id } })).configVersion;
      const entity = () => db.trackedEntity.findFirst({ where: { workspaceId: id, itemName: c.itemName } });
      await page.getByRole("tab", { name: c.tab }).click();

      await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
      const add = addPanel(page);
      await expect(add).toBeVisible();
      await add.getByLabel("Item Name").fill(c.itemName);
      await c.fill(add, page);
      if (c.tab === "Windows registry") await screenshot(page, "configuration-add-panel-registry");
      const v0 = await version();
      await add.getByRole("button", { name: "Save" }).click();
      await expect(add).toBeHidden();
      await expect(page.getByText(`Added "${c.itemName}". The scanner picks it up on its next pass.`)).toBeVisible();
      await expect(rowOf(page, c.tab, c.itemName)).toBeVisible();
      expect(await entity()).toMatchObject({ enabled: true, ...c.stored });
      if (c.tab === "Windows services") await screenshot(page, "configuration-tab-windows-services-added");
      expect(await version()).toBe(v0 + 1);

      let panel = await openEntity(page, c.tab, c.itemName);
      await c.edit(panel);
      if (c.tab === "Windows registry") await screenshot(page, "configuration-edit-panel-registry");
      await panel.getByRole("button", { name: "Save" }).click();
      await expect(panel).toBeHidden();
      await expect.poll(async () => (await entity())?.path).toBe(c.edited.path);
      expect(await entity()).toMatchObject(c.edited);

      panel = await openEntity(page, c.tab, c.itemName);
      await panel.getByRole("radio", { name: "False" }).check();
      await panel.getByRole("button", { name: "Save" }).click();
      await expect(rowOf(page, c.tab, c.itemName).getByRole("cell").first()).toHaveText("False");
      expect(await entity()).toMatchObject({ enabled: false });

      panel = await openEntity(page, c.tab, c.itemName);
      await panel.getByRole("button", { name: "Delete" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Delete entity" });
      await expect(confirm).toContainText(c.itemName);
      await confirm.getByRole("button", { name: "Delete" }).click();
      // While the panel is open the table is hidden from role queries: wait for the outcome first.
      await expect(page.getByText(`Deleted "${c.itemName}".`)).toBeVisible();
      await expect(rowOf(page, c.tab, c.itemName)).toHaveCount(0);
      expect(await entity()).toBeNull();
      const actions = await db.auditEvent.findMany({
        where: { workspaceId: id, summary: { contains: `"${c.itemName}"` } },
        orderBy: { at: "asc" },
      });
      expect(actions.map((a) => a.action)).toEqual(["entity.create", "entity.update", "entity.update", "entity.delete"]);
    });
  }

  test("File content: add a tracked file's content, edit, disable and delete it from the tab", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await openSettings(page, db, EDIT_WS, "file-content");
    const crontab = () => db.trackedEntity.findFirstOrThrow({ where: { workspaceId: id, path: "/etc/crontab" } });
    await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
    const add = addPanel(page);
    await add.getByRole("combobox", { name: "Tracked file" }).click();
    await page.getByRole("option", { name: /^crontab\s*\/etc\/crontab$/ }).click();
    await screenshot(page, "configuration-add-panel-file-content");
    await add.getByRole("button", { name: "Save" }).click();
    await expect(rowOf(page, "File content", "crontab")).toBeVisible();
    expect(await crontab()).toMatchObject({ uploadContent: true, enabled: true });
    await screenshot(page, "configuration-tab-file-content-added");

    let panel = await openEntity(page, "File content", "crontab");
    await expect(panel.getByRole("switch", { name: /Upload file content/ })).toBeChecked();
    await panel.getByLabel("Item Name").fill("crontab content");
    await panel.getByRole("button", { name: "Save" }).click();
    await expect(rowOf(page, "File content", "crontab content")).toBeVisible();

    panel = await openEntity(page, "File content", "crontab content");
    await panel.getByRole("radio", { name: "False" }).check();
    await panel.getByRole("button", { name: "Save" }).click();
    await expect(rowOf(page, "File content", "crontab content").getByRole("cell").first()).toHaveText("False");

    panel = await openEntity(page, "File content", "crontab content");
    await panel.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete from File content" });
    await expect(confirm).toContainText("stays tracked on the Linux Files tab");
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText(`The content of "crontab content" is no longer uploaded.`)).toBeVisible();
    await expect(rowOf(page, "File content", "crontab content")).toHaveCount(0);
    // The file stays tracked; only its content is no longer uploaded.
    expect(await crontab()).toMatchObject({ uploadContent: false, itemName: "crontab content", enabled: false });
  });

  test("Preview shows how many files a Linux rule matches in what the machines last reported, before saving", async ({ page, db }) => {
    const id = await wsId(db, EDIT_WS);
    const machine = await db.machine.findFirstOrThrow({ where: { workspaceId: id, osFamily: "LINUX" }, orderBy: { name: "asc" } });
    const dir = "/opt/e2e-preview";
    await db.inventoryItem.createMany({
      data: ["app.conf", "db.conf", "cache.conf", "notes.txt"].map((f) => ({
        machineId: machine.id,
        changeType: "Files" as const,
        itemKey: `${dir}/${f}`,
      })),
    });
    try {
      await signInAs(page, "owner");
      await openSettings(page, db, EDIT_WS, "linux-files");
      const before = await db.trackedEntity.count({ where: { workspaceId: id } });
      await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
      const add = addPanel(page);
      await add.getByLabel("Item Name").fill("preview");
      await add.getByRole("textbox", { name: "Path", exact: true }).fill(`${dir}/*.conf`);
      await add.getByRole("button", { name: "Preview" }).click();
      const result = add.getByRole("status", { name: "Preview result" });
      await expect(result).toContainText("3 files match on");
      await expect(result.getByRole("list", { name: "Matching files" }).getByRole("listitem")).toHaveText(
        ["app.conf", "cache.conf", "db.conf"].map((f) => `${dir}/${f}`),
      );
      await expect(result).toContainText(`${machine.name}: 3`);
      await screenshot(page, "configuration-add-panel-preview");
      await add.getByRole("button", { name: "Discard" }).click();
      expect(await db.trackedEntity.count({ where: { workspaceId: id } })).toBe(before);

      await page.getByRole("tab", { name: "Windows files" }).click();
      await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
      await expect(addPanel(page)).toContainText("Windows paths can't be previewed on this host");
    } finally {
      await db.inventoryItem.deleteMany({ where: { machineId: machine.id, itemKey: { startsWith: `${dir}/` } } });
    }
  });

  test("an Owner sets how long change data is kept, within 30 to 730 days", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await openSettings(page, db, EDIT_WS);
    try {
      const days = page.getByRole("spinbutton", { name: "Keep change data (days)" });
      await expect(days).toHaveValue("90");
      await days.fill("20");
      await page.getByRole("button", { name: "Save retention" }).click();
      await expect(page.getByText("Enter a whole number of days from 30 to 730.")).toBeVisible();
      await days.fill("180");
      await page.getByRole("button", { name: "Save retention" }).click();
      await expect(page.getByText("Change data is now kept for 180 days.")).toBeVisible();
      await screenshot(page, "configuration-retention");
      expect((await db.workspace.findUniqueOrThrow({ where: { id } })).retentionDays).toBe(180);
    } finally {
      await db.workspace.update({ where: { id }, data: { retentionDays: 90 } });
    }
  });
});
