import { test, expect, signInAs, screenshot } from "./support/fixtures";

test("a user creates an API token, calls the API with it, then revokes it", async ({ page, request }) => {
  await signInAs(page, "owner");
  await page.goto("/fim");
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByRole("dialog", { name: "New API token" });
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("Name the token, e.g. after the script or pipeline that uses it.")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Name" }).fill("e2e script");
  await dialog.getByRole("combobox", { name: "Expiration" }).click();
  await page.getByRole("option", { name: "7 days" }).click();
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog).toBeHidden();

  const secret = await page.getByRole("textbox", { name: "New token value" }).inputValue();
  expect(secret).toMatch(/^vgl_[\w-]{20,}$/);
  await expect(page.getByText("Copy it now: it will not be shown again.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "e2e script" });
  await expect(row).toBeVisible();
  await expect(row.getByText("Never used")).toBeVisible();
  await screenshot(page, "api-tokens");

  // `request` has no session cookie: the token alone authenticates.
  expect((await request.get("/api/v1/workspaces")).status()).toBe(401);
  const ok = await request.get("/api/v1/workspaces", { headers: { authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).workspaces.map((w: { name: string }) => w.name)).toContain("contoso-prod-eastus");

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(row.getByText("Never used")).toBeHidden();
  await row.getByRole("button", { name: "Revoke e2e script" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke token" });
  await expect(confirm).toContainText("get 401 from their next request");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "New token value" })).toHaveCount(0);

  const refused = await request.get("/api/v1/workspaces", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "unauthorized", requestId: expect.any(String) });
});

test("the API reference documents every endpoint from the served OpenAPI document", async ({ page, request }) => {
  const served = await request.get("/api/v1/openapi.json");
  expect(served.status()).toBe(200);
  const doc = await served.json();
  expect(doc.openapi).toBe("3.1.0");

  await signInAs(page, "reader");
  await page.goto("/fim");
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await screenshot(page, "api-reference");
  const operations = Object.values(doc.paths as Record<string, object>).flatMap((methods) => Object.values(methods)) as {
    summary: string;
  }[];
  for (const op of operations) await expect(page.getByRole("button", { name: new RegExp(op.summary) }).first()).toBeVisible();

  await page.getByRole("button", { name: /\/api\/v1\/workspaces\/\{id\}\/changes\s*List changes/ }).click();
  const params = page.getByRole("table", { name: "Parameters of List changes" });
  for (const name of ["changeType", "machineId", "cursor"])
    await expect(params.getByRole("cell", { name: new RegExp(`^${name}`) })).toBeVisible();
  const responses = page.getByRole("heading", { name: "Responses", level: 4 });
  await responses.scrollIntoViewIfNeeded();
  await expect(page.getByText("nextCursor", { exact: true }).last()).toBeVisible();
  await expect(page.getByText("Not found, or you have no role on it").first()).toBeVisible();
  await screenshot(page, "api-reference-changes");
});
