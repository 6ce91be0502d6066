// Two web instances on one PostgreSQL (playwright.config.ts starts the second on PostgreSQL runs only): a session
// and every write are shared, so a load balancer may send each request to either instance.
import { E2E_SECOND_URL } from "../playwright.config";
import { test, expect, signInAs, portal } from "./support/fixtures";

const WS = "contoso-prod-eastus";
const second = E2E_SECOND_URL!;

test("a session from one instance works on the other, and an entity saved on one is listed by the other", async ({ page, db }) => {
  const ws = await db.workspace.findFirstOrThrow({ where: { name: WS } });
  const itemName = `multi-instance-${Date.now()}`;
  await signInAs(page, "owner"); // on the first instance
  try {
    await page.goto(`${second}/fim`);
    await expect(page.getByRole("row").filter({ hasText: WS })).toBeVisible();

    const saved = await portal(page).post(`${second}/api/v1/workspaces/${ws.id}/entities`, {
      data: { kind: "LINUX_FILE", itemName, path: `/opt/${itemName}`, pathType: "FILE" },
    });
    expect(saved.status(), await saved.text()).toBe(201);

    await page.goto(`/fim/workspaces/${ws.id}/settings?tab=linux-files`);
    await expect(page.getByRole("heading", { name: "Workspace Configuration", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: itemName, exact: true })).toBeVisible();
    expect(await db.trackedEntity.count({ where: { workspaceId: ws.id, itemName } })).toBe(1);
  } finally {
    // Other specs count this workspace's entities.
    await db.trackedEntity.deleteMany({ where: { workspaceId: ws.id, itemName } });
  }
});
