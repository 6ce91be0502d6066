import http from "node:http";
import type { AddressInfo } from "node:net";
import { E2E_BASE_URL } from "../playwright.config";
import { test, expect, signInAs } from "./support/fixtures";
import { VIEW_WS, wsId } from "./support/configuration";

// (The workspace is one whose FIM stays on through the suite.)
// Another site must not act with a signed-in user's session cookie: a page on another port of the same host is
// "same-site", so the browser sends the cookie along; the server refuses because the request's Origin is not its own.

const entity = (itemName: string) => JSON.stringify({ kind: "LINUX_FILE", itemName, path: `/srv/${itemName}.conf`, pathType: "FILE" });

/** A page on another port of this host whose script posts to the portal, as a hostile page would. */
async function hostilePage(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const html = `<!doctype html><title>Win a prize</title><script>
    fetch(${JSON.stringify(target)}, { method: "POST", credentials: "include", mode: "no-cors",
      headers: { "content-type": "text/plain" }, body: ${JSON.stringify(entity("forged-by-page"))} })
      .then(() => { document.title = "sent"; }, () => { document.title = "sent"; });
  </script>`;
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test.describe("cross-site request forgery", () => {
  test("a page on another port of the same host cannot create an entity with the user's session", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await wsId(db, VIEW_WS);
    const before = await db.trackedEntity.count({ where: { workspaceId: id } });
    const target = `${E2E_BASE_URL}/api/v1/workspaces/${id}/entities`;
    const hostile = await hostilePage(target);
    try {
      const refused = page.waitForResponse((r) => r.url() === target);
      await page.goto(hostile.url);
      expect((await refused).status()).toBe(403);
      await expect(page).toHaveTitle("sent");
    } finally {
      await hostile.close();
    }
    expect(await db.trackedEntity.count({ where: { workspaceId: id } })).toBe(before);
  });

  test("the API refuses a cookie-authenticated change from a foreign Origin, without one, or as text/plain", async ({ page, db }) => {
    await signInAs(page, "owner");
    const id = await wsId(db, VIEW_WS);
    const url = `/api/v1/workspaces/${id}/entities`;
    const before = await db.trackedEntity.count({ where: { workspaceId: id } });
    const foreign = await page.request.post(url, {
      headers: { origin: "http://evil.example", "content-type": "text/plain" },
      data: entity("x1"),
    });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error.code).toBe("forbidden");
    expect((await page.request.post(url, { headers: { "content-type": "application/json" }, data: entity("x2") })).status()).toBe(403);
    const plain = await page.request.post(url, { headers: { origin: E2E_BASE_URL, "content-type": "text/plain" }, data: entity("x3") });
    expect(plain.status()).toBe(415);
    expect(await db.trackedEntity.count({ where: { workspaceId: id } })).toBe(before);
    // The portal's own request goes through.
    const own = await page.request.post(url, {
      headers: { origin: E2E_BASE_URL, "content-type": "application/json" },
      data: entity("own-page"),
    });
    expect(own.status(), await own.text()).toBe(201);
    await page.request.delete(`${url}/${(await own.json()).id}`, { headers: { origin: E2E_BASE_URL } });
  });
});

test.describe("addresses that are not valid percent-encoding", () => {
  test("answer 400 with the one error body on every kind of route, never a plain-text 500", async ({ page }) => {
    await signInAs(page, "reader");
    for (const segment of ["%ff", "%C0%AE", "%E0%A4%A", "%"]) {
      for (const path of [`/api/v1/workspaces/${segment}`, `/api/v1/workspaces/${segment}/changes`, `/api/v1/tokens/${segment}`]) {
        const res = await page.request.get(path);
        expect(res.status(), `${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status(), `${path}`).toBeLessThan(500);
        const body = await res.json();
        expect(body.error.code, path).toMatch(/^(bad_request|validation_failed|not_found)$/);
        expect(typeof body.error.requestId).toBe("string");
      }
    }
  });
});
