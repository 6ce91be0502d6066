import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import type { Db } from "@/lib/server/db";
import { test, expect, signInAs, screenshot } from "./support/fixtures";

const EDIT_WS = "contoso-prod-westeurope";
const VIEW_WS = "contoso-prod-eastus";

const wsId = async (db: Db, name: string) => (await db.workspace.findFirstOrThrow({ where: { name } })).id;

async function openSettings(page: Page, db: Db, name: string, tab?: string) {
  const id = await wsId(db, name);
  await page.goto(`/fim/workspaces/${id}/settings${tab ? `?tab=${tab}` : ""}`);
  await expect(page.getByRole("heading", { name: "Workspace Configuration", level: 1 })).toBeVisible();
  return id;
}

const table = (page: Page, tab: string) => page.getByRole("table", { name: tab });
const rowOf = (page: Page, tab: string, itemName: string) => table(page, tab).getByRole("row").filter({ has: page.getByRole("button", { name: itemName, exact: true }) });
const addPanel = (page: Page) => page.getByRole("dialog", { name: "Add for Change Tracking" });
const editPanel = (page: Page) => page.getByRole("dialog", { name: "Edit for Change Tracking" });

async function choose(page: Page, panel: Locator, field: string, option: string) {
  await panel.getByRole("combobox", { name: field }).click();
  await page.getByRole("option", { name: option }).click();
}

async function openEntity(page: Page, tab: string, itemName: string) {
  await rowOf(page, tab, itemName).getByRole("button", { name: itemName, exact: true }).click();
  await expect(editPanel(page)).toBeVisible();
  return editPanel(page);
}

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
    const kinds = { "Windows registry": "WINDOWS_REGISTRY", "Windows files": "WINDOWS_FILE", "Linux Files": "LINUX_FILE", "Windows services": "WINDOWS_SERVICE" } as const;
    for (const [tab, cols] of Object.entries(headers)) {
      await page.getByRole("tab", { name: tab }).click();
      await expect(table(page, tab).getByRole("columnheader")).toHaveText(cols);
      const kind = kinds[tab as keyof typeof kinds];
      const expected = kind
        ? await db.trackedEntity.count({ where: { workspaceId: id, kind } })
        : await db.trackedEntity.count({
            where: { workspaceId: id, OR: [{ uploadContent: true, kind: { in: ["WINDOWS_FILE", "LINUX_FILE"] } }, { kind: "FILE_CONTENT" }] },
          });
      // The empty state is one row; otherwise one row per entity, plus the header.
      await expect(table(page, tab).getByRole("row")).toHaveCount(1 + Math.max(expected, 1));
      await screenshot(page, `configuration-tab-${tab.toLowerCase().replace(/ /g, "-")}`);
    }
    await page.getByRole("tab", { name: "Linux Files" }).click();
    await expect(rowOf(page, "Linux Files", "passwd").getByRole("cell")).toHaveText(["True", "passwd", "Linux files", "/bin/passwd", "File", "Off", "On", "Follow", "False"]);
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
      const actions = await db.auditEvent.findMany({ where: { workspaceId: id, summary: { contains: `"${c.itemName}"` } }, orderBy: { at: "asc" } });
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

  test("Preview shows how many files a Linux rule matches on this machine now, before saving", async ({ page, db }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-preview-"));
    for (const f of ["app.conf", "db.conf", "cache.conf", "notes.txt"]) fs.writeFileSync(path.join(dir, f), f);
    try {
      await signInAs(page, "owner");
      const id = await openSettings(page, db, EDIT_WS, "linux-files");
      const before = await db.trackedEntity.count({ where: { workspaceId: id } });
      await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
      const add = addPanel(page);
      await add.getByLabel("Item Name").fill("preview");
      await add.getByRole("textbox", { name: "Path", exact: true }).fill(`${dir}/*.conf`);
      await add.getByRole("button", { name: "Preview" }).click();
      const result = add.getByRole("status", { name: "Preview result" });
      await expect(result).toContainText("3 files match on");
      await expect(result.getByRole("list", { name: "Matching files" }).getByRole("listitem")).toHaveText(["app.conf", "cache.conf", "db.conf"].map((f) => `${dir}/${f}`));
      await screenshot(page, "configuration-add-panel-preview");
      await add.getByRole("button", { name: "Discard" }).click();
      expect(await db.trackedEntity.count({ where: { workspaceId: id } })).toBe(before);

      await page.getByRole("tab", { name: "Windows files" }).click();
      await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
      await expect(addPanel(page)).toContainText("Windows paths can't be previewed on this host");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe("Workspace Configuration refusals", () => {
  test("each invalid input is refused in the panel with its message, and nothing is saved", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await openSettings(page, db, EDIT_WS);
    const before = await db.trackedEntity.count({ where: { workspaceId: id } });
    const refusals: { tab: string; fill: (p: Locator) => Promise<void>; message: RegExp }[] = [
      { tab: "Linux Files", fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/etc/*/passwd"), message: /Wildcards \(\* and \?\) are allowed only in the last segment of a path, as in \/etc\/\*\.conf/ },
      { tab: "Linux Files", fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/*"), message: /"\/\*" is too general: it would traverse the whole file system/ },
      {
        tab: "Linux Files",
        fill: async (p) => {
          await p.getByRole("textbox", { name: "Path", exact: true }).fill("/etc/hosts");
          await p.getByRole("switch", { name: /Recursion/ }).check();
        },
        message: /a wildcard in the last segment is required to track several files/,
      },
      { tab: "Linux Files", fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/bin/login"), message: /The entry "login" on the Linux Files tab already tracks \/bin\/login\. Edit that entry instead/ },
      { tab: "Windows files", fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("c:\\*.*"), message: /"c:\\\*\.\*" is too general: it would traverse the whole drive/ },
      { tab: "Windows registry", fill: (p) => p.getByLabel("Windows Registry Key").fill("HKXX\\Software\\Run"), message: /"HKXX" is not a registry hive/ },
      {
        tab: "Windows services",
        fill: async (p) => {
          await p.getByLabel("Service name").fill("wuauserv");
          await p.getByLabel("Frequency (seconds)").fill("5");
        },
        message: /Collect service state every 10 to 1800 seconds \(30 minutes\), in whole seconds; 5 is not allowed/,
      },
    ];
    for (const r of refusals) {
      await page.getByRole("tab", { name: r.tab }).click();
      await page.getByRole("toolbar", { name: "Configuration commands" }).getByRole("button", { name: "Add" }).click();
      const add = addPanel(page);
      await add.getByLabel("Item Name").fill("refused");
      await r.fill(add);
      await add.getByRole("button", { name: "Save" }).click();
      await expect(add.getByText(r.message).first()).toBeVisible();
      if (r.message.source.includes("HKXX")) await screenshot(page, "configuration-add-panel-refused");
      await add.getByRole("button", { name: "Discard" }).click();
      await expect(add).toBeHidden();
    }
    expect(await db.trackedEntity.count({ where: { workspaceId: id } })).toBe(before);
  });

  test("the API refuses the same inputs with 422 and the field, a duplicate with 409, and edits while FIM is off", async ({ page, db }) => {
    await signInAs(page, "contributor");
    const id = await wsId(db, EDIT_WS);
    const url = `/api/workspaces/${id}/entities`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: "LINUX_FILE", itemName: "x", path: "/etc/*/passwd", pathType: "FILE" }, "path", /only in the last segment/],
      [{ kind: "WINDOWS_FILE", itemName: "x", path: "C:\\*.*", pathType: "FILE" }, "path", /too general/],
      [{ kind: "WINDOWS_REGISTRY", itemName: "x", path: "HKLM" }, "path", /Tracking a whole hive/],
      [{ kind: "WINDOWS_SERVICE", itemName: "x", path: "wuauserv", frequencySec: 3600 }, "frequencySec", /every 10 to 1800 seconds/],
      [{ kind: "FILE_CONTENT", itemName: "x", path: "/etc/hosts" }, "kind", /Upload file content/],
    ];
    for (const [data, field, message] of cases) {
      const res = await page.request.post(url, { data });
      expect(res.status()).toBe(422);
      expect((await res.json()).error.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    const dup = await page.request.post(url, { data: { kind: "LINUX_FILE", itemName: "again", path: "/etc/crontab", pathType: "FILE" } });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).error.message).toMatch(/already tracks \/etc\/crontab/);

    const off = await wsId(db, "contoso-prod-southeastasia");
    const disabled = await page.request.post(`/api/workspaces/${off}/entities`, { data: { kind: "LINUX_FILE", itemName: "x", path: "/etc/hosts", pathType: "FILE" } });
    expect(disabled.status()).toBe(409);
    const foreign = await db.trackedEntity.findFirstOrThrow({ where: { workspace: { name: VIEW_WS } } });
    expect((await page.request.patch(`${url}/${foreign.id}`, { data: { enabled: false } })).status()).toBe(404);
  });

  test("a Reader sees the configuration read-only and is refused by the API", async ({ page, db }) => {
    await signInAs(page, "reader");
    // What the scanner would have left: passwd collected on two machines, failing on one.
    const passwd = await db.trackedEntity.findFirstOrThrow({ where: { workspace: { name: VIEW_WS }, path: "/bin/passwd" } });
    const machines = await db.machine.findMany({ where: { workspaceId: passwd.workspaceId, osFamily: "LINUX" }, take: 2, orderBy: { name: "asc" } });
    for (const [i, m] of machines.entries()) {
      const state = { baselineAt: new Date(), lastScanAt: new Date(), itemCount: 1 - i, lastError: i === 1 ? "/bin/passwd: permission denied (turn on Use Sudo)" : null };
      await db.entityCollectionState.upsert({ where: { machineId_entityId: { machineId: m.id, entityId: passwd.id } }, create: { machineId: m.id, entityId: passwd.id, ...state }, update: state });
    }
    const id = await openSettings(page, db, VIEW_WS, "linux-files");
    await expect(page.getByText("Your role (reader) can view this configuration")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add" })).toHaveCount(0);
    const panel = await openEntity(page, "Linux Files", "passwd");
    await expect(panel.getByRole("textbox", { name: "Path", exact: true })).toBeDisabled();
    await expect(panel.getByRole("radio", { name: "False" })).toBeDisabled();
    await expect(panel.getByRole("button", { name: /Save|Delete|Preview/ })).toHaveCount(0);
    await panel.getByRole("region", { name: "Collection status" }).scrollIntoViewIfNeeded();
    await screenshot(page, "configuration-edit-panel-reader");
    await panel.getByRole("button", { name: "Close" }).last().click();

    const url = `/api/workspaces/${id}/entities`;
    const calls = [
      page.request.post(url, { data: { kind: "LINUX_FILE", itemName: "x", path: "/srv/x.conf", pathType: "FILE" } }),
      page.request.patch(`${url}/${passwd.id}`, { data: { enabled: false } }),
      page.request.delete(`${url}/${passwd.id}`),
      page.request.post(`${url}/preview`, { data: { kind: "LINUX_FILE", path: "/etc/*.conf", pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false } }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status()).toBe(403);
      expect((await res.json()).error.message).toMatch(/does not allow you to edit tracked entities/);
    }
    expect(await db.trackedEntity.findUniqueOrThrow({ where: { id: passwd.id } })).toMatchObject({ enabled: true });
  });
});
