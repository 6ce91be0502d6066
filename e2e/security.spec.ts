import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/lib/server/seed/demo-tenant";
import { test, expect, USERS, signOutLocally } from "./support/fixtures";
import { VIEW_WS, openSettings } from "./support/configuration";

// The browser-session trust boundary: security headers, a CSP the pages pass, where sign-in may send the browser,
// and the addresses sign-in works at. The server under test is served on 127.0.0.1 (playwright.config.ts).

/** Fills the sign-in form as a user does. */
async function signInWithForm(page: Page, email: string = USERS.owner) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Every CSP violation the page reports (the browser's own event), from the next navigation on. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`,
      );
    });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  return violations;
}

test.describe("security headers", () => {
  test("a page and an API answer carry them", async ({ request }) => {
    const page = await request.get("/sign-in");
    expect(page.status()).toBe(200);
    const csp = page.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // The nonce in the header is the one on the page's scripts, and a new one each time.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await page.text()).toContain(`nonce="${nonce}"`);
    expect((await request.get("/sign-in")).headers()["content-security-policy"]).not.toBe(csp);

    const api = await request.get("/api/v1/openapi.json");
    expect(api.status()).toBe(200);
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

    for (const res of [page, api]) {
      expect(res.headers()["x-content-type-options"]).toBe("nosniff");
      expect(res.headers()["referrer-policy"]).toBe("same-origin");
      expect(res.headers()["x-frame-options"]).toBe("DENY");
    }
  });

  test("no CSP violation while signing in and opening the FIM list, a dashboard and its configuration", async ({ page, db }) => {
    test.setTimeout(60_000);
    const violations = await watchCspViolations(page);

    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await signInWithForm(page);
    await expect(page.getByRole("heading", { name: "Workload protections", level: 1 })).toBeVisible();
    await page.getByRole("navigation", { name: "Defender for Cloud" }).getByRole("link", { name: "File integrity monitoring" }).click();
    await expect(page.getByRole("heading", { name: "File integrity monitoring", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Workspaces" })).toBeVisible();
    // A popover inserts Fluent UI styles after the page has loaded.
    await page.getByRole("button", { name: /^Account:/ }).click();
    await expect(page.getByRole("menuitem", { name: "API tokens" })).toBeVisible();
    await page.keyboard.press("Escape");

    await page.getByRole("table", { name: "Workspaces" }).getByRole("link", { name: VIEW_WS }).click();
    await expect(page.getByRole("heading", { name: VIEW_WS, level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Computers" })).toBeVisible();

    await openSettings(page, db, VIEW_WS);
    await expect(page.getByRole("table").first()).toBeVisible();
    expect(violations).toEqual([]);

    // The watch works: a style element without the nonce is refused and reported.
    await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { outline: 0 }";
      document.head.append(style);
    });
    await expect.poll(() => violations.some((v) => v.startsWith("style-src-elem"))).toBe(true);
  });
});

test.describe("sign-in", () => {
  // Each would send the browser to evil.example if sign-in followed it as given.
  const PAYLOADS = ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example/fim", "/.//evil.example"];

  test("open-redirect payloads in next land on the home page, when signing in and when already signed in", async ({ page, baseURL }) => {
    test.setTimeout(60_000);
    for (const payload of PAYLOADS) {
      await signOutLocally(page);
      await page.goto(`/sign-in?next=${payload}`);
      await signInWithForm(page);
      await expect(page, payload).toHaveURL(`${baseURL}/`);
      await page.goto(`/sign-in?next=${payload}`);
      await expect(page, payload).toHaveURL(`${baseURL}/`);
    }
    // A real page of the portal is still where sign-in goes.
    await signOutLocally(page);
    await page.goto("/sign-in?next=%2Fsettings%2Ftokens");
    await signInWithForm(page);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  });

  for (const host of ["127.0.0.1", "localhost"]) {
    test(`works at http://${host}:PORT`, async ({ browser, baseURL }) => {
      const origin = new URL(baseURL!);
      origin.hostname = host;
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(new URL("/sign-in", origin).href);
      await signInWithForm(page, USERS.reader);
      await expect(page).toHaveURL(new URL("/", origin).href);
      await expect(page.getByRole("heading", { name: "Workload protections", level: 1 })).toBeVisible();
      await context.close();
    });
  }

  test("from an address the portal is not served at, the form says which URL to open", async ({ page, baseURL }) => {
    // Chromium resolves every *.localhost name to this machine: the same server, at a name it does not accept.
    const elsewhere = new URL(baseURL!);
    elsewhere.hostname = "vigil.localhost";
    await page.goto(new URL("/sign-in?next=%2Fsettings%2Ftokens", elsewhere).href);
    await signInWithForm(page);
    await expect(page.getByText("Vigil does not accept sign-in at this address.")).toBeVisible();
    const link = page.getByRole("link", { name: baseURL! });
    expect(await link.getAttribute("href")).toBe(`${baseURL}/sign-in?next=%2Fsettings%2Ftokens`);
    await link.click();
    await expect(page).toHaveURL(`${baseURL}/sign-in?next=%2Fsettings%2Ftokens`);
    await page.waitForLoadState();
    await signInWithForm(page);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  });
});
