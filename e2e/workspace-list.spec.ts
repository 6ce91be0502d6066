import { test, expect, signInAs, screenshot } from "./support/fixtures";

const WEEK_MS = 7 * 86_400_000;

test.describe("sign-in", () => {
  test("a page without a session goes to sign-in, and an API call answers 401", async ({ page }) => {
    await page.goto("/fim");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ffim/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    const res = await page.request.get("/api/v1/workspaces");
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.requestId).toBeTruthy();
  });

  test("a wrong password is refused with a clear message, the right one opens Workload protections", async ({ page }) => {
    await page.goto("/sign-in");
    await screenshot(page, "sign-in");
    await page.getByLabel("Email").fill("owner@contoso.com");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Your email address or password is incorrect.")).toBeVisible();

    await page.getByLabel("Password").fill("VigilDemo!2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await expect(page.getByRole("heading", { name: "Workload protections", level: 1 })).toBeVisible();
  });
});

test.describe("File integrity monitoring page", () => {
  test("the Owner sees the six demo workspaces and this host's, with their counts and actions", async ({ page, db }) => {
    await signInAs(page, "owner");
    await page.goto("/fim");
    const table = page.getByRole("table", { name: "Workspaces" });
    const workspaces = await db.workspace.findMany({ include: { _count: { select: { machines: true } }, subscription: true } });
    // Other specs seed workspaces of their own into the same database; every one of them must be listed too.
    expect(workspaces.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        "contoso-dev-uksouth",
        "contoso-dev-westus2",
        "contoso-prod-eastus",
        "contoso-prod-southeastasia",
        "contoso-prod-westeurope",
        "contoso-sandbox-centralus",
        "vigil-local-host",
      ]),
    );
    await expect(table.getByRole("row")).toHaveCount(1 + workspaces.length);

    for (const ws of workspaces) {
      const row = table.getByRole("row").filter({ hasText: ws.name });
      const cells = row.getByRole("cell");
      const changes = await db.changeRecord.count({
        where: { workspaceId: ws.id, timeGenerated: { gte: new Date(Date.now() - WEEK_MS) } },
      });
      await expect(cells.nth(2)).toHaveText(ws.fimEnabled ? changes.toLocaleString("en-US") : "-");
      await expect(cells.nth(3)).toContainText(String(ws._count.machines));
      await expect(cells.nth(4)).toHaveText(ws.location);
      await expect(cells.nth(5)).toHaveText(ws.subscription.name);

      const action = ws.subscription.plan === "FREE" ? `Upgrade plan for ${ws.name}` : ws.fimEnabled ? null : `Enable FIM on ${ws.name}`;
      if (action) await expect(row.getByRole("link", { name: action })).toBeVisible();
      else await expect(row.getByRole("link", { name: /Enable|Upgrade/ })).toHaveCount(0);
    }
    await expect(page.getByText("it means that FIM is already enabled on the workspace")).toBeVisible();
    await screenshot(page, "workspace-list-owner");

    await page.getByRole("searchbox", { name: "Search workspaces by name" }).fill("westeurope");
    await expect(table.getByRole("row")).toHaveCount(2);
  });

  test("the Reader sees the same list with no action controls", async ({ page, db }) => {
    await signInAs(page, "reader");
    await page.goto("/fim");
    const table = page.getByRole("table", { name: "Workspaces" });
    await expect(table.getByRole("row")).toHaveCount(1 + (await db.workspace.count()));
    await expect(table.getByRole("link", { name: /Enable|Upgrade/ })).toHaveCount(0);
    await screenshot(page, "workspace-list-reader");
  });
});
