import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { test, expect, screenshot, signInAs } from "./support/fixtures";

// On this host (Debian, run as root): the worker's local agent tracks /usr/bin (a recommended entity) every 5 s.
// A reinstall of a small package is a Package update that the workspace's default rule marks Expected; the same
// binary edited by hand differs from its package, stays Unreviewed, and is what the dashboard leads with; a rule for
// this one machine, saved with "also mark the last 7 days", makes the recorded edit Expected.
const PACKAGE = "time";
const BINARY = "/usr/bin/time";
const RULE = "Hand edits on this host";
const reinstall = () =>
  execFileSync("apt-get", ["install", "--reinstall", "-y", "-q", PACKAGE], {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    timeout: 120_000,
  });

test("a reinstalled package is an expected Package update; the binary edited by hand differs from its package and leads the dashboard", async ({
  page,
  db,
}) => {
  test.setTimeout(300_000);
  const ws = await db.workspace.findFirstOrThrow({ where: { name: "vigil-local-host" } });
  const entity = await db.trackedEntity.findFirstOrThrow({ where: { workspaceId: ws.id, path: "/usr/bin" } });
  // The folder's baseline first: what the first scan finds is not a change.
  await expect.poll(() => db.entityCollectionState.count({ where: { entityId: entity.id } }), { timeout: 90_000 }).toBe(1);
  const since = new Date();
  const records = () =>
    db.changeRecord.findMany({ where: { workspaceId: ws.id, target: BINARY, timeGenerated: { gte: since } }, orderBy: { seq: "asc" } });
  const byTime = async () => (await records()).sort((a, b) => a.timeGenerated.getTime() - b.timeGenerated.getTime());

  try {
    reinstall();
    await expect.poll(async () => (await records()).length, { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
    expect((await byTime())[0]).toMatchObject({
      category: "Modified",
      attribution: "PackageUpdate",
      packageName: PACKAGE,
      reviewState: "Expected",
      reviewRuleName: "Package updates",
    });

    fs.appendFileSync(BINARY, "\n# edited by hand\n");
    await expect.poll(async () => (await byTime()).at(-1)?.attribution, { timeout: 90_000 }).toBe("DiffersFromPackage");
    const edited = (await byTime()).at(-1)!;
    expect(edited).toMatchObject({ packageName: PACKAGE, reviewState: "Unreviewed", reviewRuleName: null });
    expect(edited.fieldsChanged).toContain("FileContentChecksum");

    await signInAs(page, "owner");
    await page.goto(`/fim/workspaces/${ws.id}`);
    const look = page.getByRole("region", { name: "Needs a look" });
    // The first page of a production server on a busy host: allow it longer than one assertion.
    await expect(look).toBeVisible({ timeout: 30_000 });
    await look.getByRole("button", { name: /differs? from the package/ }).click();
    const first = page.getByRole("table", { name: "Changes" }).getByRole("row").nth(1);
    await expect(first).toContainText(BINARY);
    await expect(first).toContainText("Differs from package");
    await expect(first).toContainText("Unreviewed");

    const machine = await db.machine.findUniqueOrThrow({ where: { id: edited.machineId } });
    await page.getByRole("button", { name: "Expected-change rules" }).click();
    const drawer = page.getByRole("dialog", { name: "Expected-change rules" });
    await drawer.getByRole("button", { name: "New rule" }).click();
    const form = drawer.getByRole("form", { name: "New expected-change rule" });
    await form.getByRole("textbox", { name: "Name" }).fill(RULE);
    await form.getByRole("combobox", { name: "Attribution" }).click();
    await page.getByRole("option", { name: "Differs from package" }).click();
    await form.getByRole("combobox", { name: "Machines" }).fill(machine.name);
    await page.getByRole("option", { name: machine.name }).click();
    await expect(form.getByLabel("Chosen machines")).toContainText(machine.name);
    await form.getByRole("button", { name: "Preview" }).click();
    await form.getByRole("checkbox", { name: /^Also mark the \d+ matching Unreviewed changes? of the last 7 days as Expected$/ }).check();
    await screenshot(page, "explain-rule-form");
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(drawer.getByRole("table", { name: "Rules" }).getByRole("row", { name: new RegExp(RULE) })).toContainText(
      "Differs from package · 1 machine",
    );
    const marked = await db.changeRecord.findFirstOrThrow({ where: { id: edited.id } });
    expect(marked).toMatchObject({ reviewState: "Expected", reviewRuleName: RULE });
  } finally {
    await db.expectedRule.deleteMany({ where: { name: RULE } });
    // Put the package's binary back as shipped.
    reinstall();
  }
});
