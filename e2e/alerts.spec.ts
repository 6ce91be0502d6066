import fs from "node:fs";
import path from "node:path";
import { E2E_LOCAL_ALLOWED } from "../playwright.config";
import { startReceiver } from "@/lib/testing/alert-receiver";
import { test, expect, signInAs, portal, screenshot } from "./support/fixtures";

// An Owner adds a webhook and an alert rule in the portal; a file changed on this host (the worker's local agent scans
// every 5 s) raises an alert that reaches the webhook, signed, and shows on the Alerts page.
test("a change on the local host raises an alert: signed at the webhook, listed on the Alerts page", async ({ page, db }) => {
  test.setTimeout(180_000);
  let key = "";
  const receiver = await startReceiver(() => key);
  try {
    fs.mkdirSync(E2E_LOCAL_ALLOWED, { recursive: true });
    const dir = fs.mkdtempSync(path.join(E2E_LOCAL_ALLOWED, "alerts-"));
    fs.writeFileSync(path.join(dir, "sshd_config"), "PermitRootLogin no\n");
    const ws = await db.workspace.findFirstOrThrow({ where: { name: "vigil-local-host" } });
    await signInAs(page, "owner");
    const res = await portal(page).post(`/api/v1/workspaces/${ws.id}/entities`, {
      data: { kind: "LINUX_FILE", itemName: "e2e alerts folder", path: dir, pathType: "DIRECTORY", recursion: false },
    });
    expect(res.status(), await res.text()).toBe(201);
    const entityId: string = (await res.json()).id;

    await page.goto(`/fim/workspaces/${ws.id}/alerts`);
    await page.getByRole("toolbar", { name: "Alert commands" }).getByRole("button", { name: "Destinations" }).click();
    const destinations = page.getByRole("dialog", { name: "Alert destinations" });
    await destinations.getByRole("button", { name: "New destination" }).click();
    const form = destinations.getByRole("form", { name: "New destination" });
    await form.getByLabel("Name").fill("SOC webhook");
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByRole("button", { name: "Save destination" }).click();
    key = await destinations.getByLabel("Signing key value").inputValue();
    expect(key).toMatch(/^whsec_/);
    await destinations.getByRole("button", { name: "Send test" }).click();
    await expect(destinations.getByText(/Test delivered \(HTTP 204/)).toBeVisible();
    await expect(destinations.getByRole("table", { name: "Delivery log" })).toContainText("Test");
    await screenshot(page, "alerts-destinations");
    expect(receiver.received.at(-1)).toMatchObject({ signatureOk: true });
    // The receiver moves: the Owner gives the destination its new URL; the key stays.
    await destinations.getByRole("button", { name: "Edit SOC webhook" }).click();
    const edit = destinations.getByRole("form", { name: "Edit SOC webhook" });
    await expect(edit.getByLabel("URL")).toHaveValue(receiver.url);
    await edit.getByLabel("URL").fill(`${receiver.url}/soc`);
    await screenshot(page, "alerts-destination-edit");
    await edit.getByRole("button", { name: "Save destination" }).click();
    await expect(destinations.getByRole("table", { name: "Destinations list" })).toContainText(`${receiver.url}/soc`);
    await destinations.getByRole("button", { name: "Send test" }).click();
    await expect.poll(() => receiver.received.at(-1)?.path).toBe("/hook/soc");
    expect(receiver.received.at(-1)).toMatchObject({ signatureOk: true });
    await destinations.getByRole("button", { name: "Close" }).click();

    await page.getByRole("toolbar", { name: "Alert commands" }).getByRole("button", { name: "Alert rules" }).click();
    const rules = page.getByRole("dialog", { name: "Alert rules" });
    await rules.getByRole("button", { name: "New alert rule" }).click();
    const ruleForm = rules.getByRole("form", { name: "New alert rule" });
    await ruleForm.getByLabel("Name").fill("sshd configuration");
    await ruleForm.getByLabel("Path or key pattern").fill(`${dir}/*`);
    await ruleForm.getByRole("checkbox", { name: /SOC webhook/ }).check();
    await ruleForm.getByRole("button", { name: "Save rule" }).click();
    await expect(rules.getByRole("table", { name: "Alert rules list" })).toContainText("sshd configuration");
    await rules.getByRole("button", { name: "Close" }).click();

    // The folder's first scan is its baseline; the edit after it is the change.
    await expect.poll(() => db.entityCollectionState.count({ where: { entityId } }), { timeout: 60_000 }).toBe(1);
    fs.writeFileSync(path.join(dir, "sshd_config"), "PermitRootLogin yes\n");
    await expect
      .poll(() => receiver.received.filter((r) => r.body.type === "vigil.alert" && r.body.changeCount).length, { timeout: 90_000 })
      .toBe(1);
    const alert = receiver.received.at(-1)!;
    expect(alert.signatureOk).toBe(true);
    expect(alert.body).toMatchObject({ severity: "High", rule: { name: "sshd configuration" }, changeCount: 1 });
    expect(alert.idempotencyKey).toBe(alert.body.id);

    await page.reload();
    const row = page.getByRole("table", { name: "Alerts" }).getByRole("row").nth(1);
    await expect(row).toContainText("sshd configuration");
    await expect(row).toContainText("High");
    await expect(page.getByRole("link", { name: /Alerts, [1-9]\d* active/ })).toBeVisible();
    await row.click();
    const details = page.getByRole("dialog", { name: "Alert details" });
    await expect(details.getByRole("table", { name: "Changes of the alert" })).toContainText(`${dir}/sshd_config`);
    await expect(details).toContainText("SOC webhook: Delivered");
    await screenshot(page, "alerts-details");
    await details.getByRole("button", { name: "Resolve" }).click();
    await expect(details).toContainText("by owner@contoso.com");

    // The message's link opens the alert; the list across workspaces shows it, resolved.
    const link = new URL(String(alert.body.url));
    await page.goto(link.pathname + link.search);
    await expect(page.getByRole("dialog", { name: "Alert details" })).toContainText("Resolved");
    await page.goto("/fim/alerts");
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "All statuses" }).click();
    const listed = page.getByRole("table", { name: "Alerts" }).getByRole("row", { name: /sshd configuration/ });
    await expect(listed).toContainText("vigil-local-host");
    await expect(listed).toContainText("Resolved");
    await screenshot(page, "alerts-all-workspaces");
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    await receiver.close();
  }
});
