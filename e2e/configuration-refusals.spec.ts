import type { Locator } from "@playwright/test";
import { test, expect, signInAs, screenshot, portal } from "./support/fixtures";
import { EDIT_WS, VIEW_WS, wsId, openSettings, addPanel, openEntity } from "./support/configuration";

test.describe("Workspace Configuration refusals", () => {
  test("each invalid input is refused in the panel with its message, and nothing is saved", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await openSettings(page, db, EDIT_WS);
    const before = await db.trackedEntity.count({ where: { workspaceId: id } });
    const refusals: { tab: string; fill: (p: Locator) => Promise<void>; message: RegExp }[] = [
      {
        tab: "Linux Files",
        fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/etc/*/passwd"),
        message: /Wildcards \(\* and \?\) are allowed only in the last segment of a path, as in \/etc\/\*\.conf/,
      },
      {
        tab: "Linux Files",
        fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/*"),
        message: /"\/\*" is too general: it would traverse the whole file system/,
      },
      {
        tab: "Linux Files",
        fill: async (p) => {
          await p.getByRole("textbox", { name: "Path", exact: true }).fill("/etc/hosts");
          await p.getByRole("switch", { name: /Recursion/ }).check();
        },
        message: /a wildcard in the last segment is required to track several files/,
      },
      {
        tab: "Linux Files",
        fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("/bin/login"),
        message: /The entry "login" on the Linux Files tab already tracks \/bin\/login\. Edit that entry instead/,
      },
      {
        tab: "Windows files",
        fill: (p) => p.getByRole("textbox", { name: "Path", exact: true }).fill("c:\\*.*"),
        message: /"c:\\\*\.\*" is too general: it would traverse the whole drive/,
      },
      {
        tab: "Windows registry",
        fill: (p) => p.getByLabel("Windows Registry Key").fill("HKXX\\Software\\Run"),
        message: /"HKXX" is not a registry hive/,
      },
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
    const url = `/api/v1/workspaces/${id}/entities`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: "LINUX_FILE", itemName: "x", path: "/etc/*/passwd", pathType: "FILE" }, "path", /only in the last segment/],
      [{ kind: "WINDOWS_FILE", itemName: "x", path: "C:\\*.*", pathType: "FILE" }, "path", /too general/],
      [{ kind: "WINDOWS_REGISTRY", itemName: "x", path: "HKLM" }, "path", /Tracking a whole hive/],
      [{ kind: "WINDOWS_SERVICE", itemName: "x", path: "wuauserv", frequencySec: 3600 }, "frequencySec", /every 10 to 1800 seconds/],
      [{ kind: "FILE_CONTENT", itemName: "x", path: "/etc/hosts" }, "kind", /Upload file content/],
    ];
    for (const [data, field, message] of cases) {
      const res = await portal(page).post(url, { data });
      expect(res.status()).toBe(422);
      expect((await res.json()).error.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    const dup = await portal(page).post(url, { data: { kind: "LINUX_FILE", itemName: "again", path: "/etc/crontab", pathType: "FILE" } });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).error.message).toMatch(/already tracks \/etc\/crontab/);

    const off = await wsId(db, "contoso-prod-southeastasia");
    const disabled = await portal(page).post(`/api/v1/workspaces/${off}/entities`, {
      data: { kind: "LINUX_FILE", itemName: "x", path: "/etc/hosts", pathType: "FILE" },
    });
    expect(disabled.status()).toBe(409);
    const foreign = await db.trackedEntity.findFirstOrThrow({ where: { workspace: { name: VIEW_WS } } });
    expect((await portal(page).patch(`${url}/${foreign.id}`, { data: { enabled: false } })).status()).toBe(404);
  });

  test("a Reader sees the configuration read-only and is refused by the API", async ({ page, db }) => {
    await signInAs(page, "reader");
    // What the scanner would have left: passwd collected on two machines, failing on one.
    const passwd = await db.trackedEntity.findFirstOrThrow({ where: { workspace: { name: VIEW_WS }, path: "/bin/passwd" } });
    const machines = await db.machine.findMany({
      where: { workspaceId: passwd.workspaceId, osFamily: "LINUX" },
      take: 2,
      orderBy: { name: "asc" },
    });
    for (const [i, m] of machines.entries()) {
      const state = {
        baselineAt: new Date(),
        lastScanAt: new Date(),
        itemCount: 1 - i,
        lastError: i === 1 ? "/bin/passwd: permission denied (turn on Use Sudo)" : null,
      };
      await db.entityCollectionState.upsert({
        where: { machineId_entityId: { machineId: m.id, entityId: passwd.id } },
        create: { machineId: m.id, entityId: passwd.id, ...state },
        update: state,
      });
    }
    const id = await openSettings(page, db, VIEW_WS, "linux-files");
    await expect(page.getByText("Your role (reader) can view this configuration")).toBeVisible();
    await expect(page.getByText("Change data is kept for 90 days. Only Owners can change this.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add" })).toHaveCount(0);
    const panel = await openEntity(page, "Linux Files", "passwd");
    await expect(panel.getByRole("textbox", { name: "Path", exact: true })).toBeDisabled();
    await expect(panel.getByRole("radio", { name: "False" })).toBeDisabled();
    await expect(panel.getByRole("button", { name: /Save|Delete|Preview/ })).toHaveCount(0);
    await panel.getByRole("region", { name: "Collection status" }).scrollIntoViewIfNeeded();
    await screenshot(page, "configuration-edit-panel-reader");
    await panel.getByRole("button", { name: "Close" }).last().click();

    const url = `/api/v1/workspaces/${id}/entities`;
    const calls = [
      portal(page).post(url, { data: { kind: "LINUX_FILE", itemName: "x", path: "/srv/x.conf", pathType: "FILE" } }),
      portal(page).patch(`${url}/${passwd.id}`, { data: { enabled: false } }),
      portal(page).delete(`${url}/${passwd.id}`),
      portal(page).post(`${url}/preview`, {
        data: { kind: "LINUX_FILE", path: "/etc/*.conf", pathType: "FILE", recursion: false, links: "FOLLOW", useSudo: false },
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status()).toBe(403);
      expect((await res.json()).error.message).toMatch(/does not allow you to edit tracked entities/);
    }
    expect(await db.trackedEntity.findUniqueOrThrow({ where: { id: passwd.id } })).toMatchObject({ enabled: true });
  });
});
