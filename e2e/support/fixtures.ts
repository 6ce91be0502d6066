import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { openDb, type Db } from "@/lib/server/db";
import { DEMO_PASSWORD } from "@/lib/server/seed/demo-tenant";
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_OUTPUT_DIR } from "../../playwright.config";

export const USERS = {
  owner: "owner@contoso.com",
  contributor: "contributor@contoso.com",
  reader: "reader@contoso.com",
} as const;
export type DemoRole = keyof typeof USERS;

/** Signs in through the API (the browser context keeps the session cookie), as formbricks' fixtures do. */
export async function signInAs(page: Page, role: DemoRole) {
  const res = await page.request.post("/api/auth/sign-in/email", { data: { email: USERS[role], password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
}

type RequestOptions = NonNullable<Parameters<APIRequestContext["post"]>[1]>;

/**
 * Changes made with the page's session cookie, as the portal's own pages make them: with this origin's `Origin`
 * header, without which the server refuses a cookie-authenticated change (a cross-site request forgery defence).
 */
/**
 * Drops the session, after leaving the portal: a portal page left open would meet 401s on its next fetch and go to
 * sign-in by itself, aborting whatever navigation the test makes next.
 */
export async function signOutLocally(page: Page) {
  await page.goto("about:blank");
  await page.context().clearCookies();
}

export function portal(page: Page) {
  const withOrigin = (url: string, opts: RequestOptions = {}): RequestOptions => ({
    ...opts,
    headers: { origin: new URL(url, E2E_BASE_URL).origin, ...opts.headers },
  });
  return {
    post: (url: string, opts?: RequestOptions) => page.request.post(url, withOrigin(url, opts)),
    patch: (url: string, opts?: RequestOptions) => page.request.patch(url, withOrigin(url, opts)),
    delete: (url: string, opts?: RequestOptions) => page.request.delete(url, withOrigin(url, opts)),
  };
}

export async function screenshot(page: Page, name: string) {
  // Animations finished at once: a panel sliding in is pictured where it lands.
  await page.screenshot({ path: `${E2E_OUTPUT_DIR}/screens/${name}.png`, fullPage: true, animations: "disabled" });
}

type Fixtures = { db: Db };

export const test = base.extend<object, Fixtures>({
  // The database the server under test uses, for seeding and for checking what the page shows.
  db: [
    async ({}, use) => {
      const db = await openDb(E2E_DATABASE_URL);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
});

export { expect };
