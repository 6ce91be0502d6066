import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_LOCAL_ALLOWED } from "../playwright.config";
import { test, expect, signInAs, portal } from "./support/fixtures";

// The worker beside the e2e server runs the local agent with Linux files due every 5 s (VIGIL_TIME_SCALE=180).
test("the local agent picks up a new Linux file rule and reports a change under it", async ({ page, db }) => {
  fs.mkdirSync(E2E_LOCAL_ALLOWED, { recursive: true });
  const dir = fs.mkdtempSync(path.join(E2E_LOCAL_ALLOWED, "rule-"));
  fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 80\n");
  const ws = await db.workspace.findFirstOrThrow({ where: { name: "vigil-local-host" }, include: { machines: true } });
  expect(ws.machines[0]).toMatchObject({ name: os.hostname(), agentKind: "LOCAL" });

  await signInAs(page, "owner");
  const res = await portal(page).post(`/api/v1/workspaces/${ws.id}/entities`, {
    data: { kind: "LINUX_FILE", itemName: "e2e app folder", path: dir, pathType: "DIRECTORY", recursion: false },
  });
  expect(res.status(), await res.text()).toBe(201);
  const entityId: string = (await res.json()).id;

  // A saved rule reaches the scanner on its next pass, without a restart: its first scan is the baseline.
  await expect.poll(() => db.entityCollectionState.count({ where: { entityId } }), { timeout: 30_000 }).toBe(1);
  fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 8080\n");
  fs.writeFileSync(path.join(dir, "backdoor.sh"), "#!/bin/sh\nnc -l 4444\n");

  await expect.poll(() => db.changeRecord.count({ where: { entityId } }), { timeout: 60_000 }).toBe(2);
  const changes = await db.changeRecord.findMany({ where: { entityId }, orderBy: { target: "asc" } });
  expect(changes.map((c) => [c.category, path.basename(c.target)])).toEqual([
    ["Modified", "app.conf"],
    ["Added", "backdoor.sh"],
  ]);
  expect(changes[0].fieldsChanged).toContain("FileContentChecksum");
  expect(changes[0].computer).toBe(os.hostname());
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the Vigil host's operator decides what its disk is read for: outside the allowed folders a rule is refused", async ({ page, db }) => {
  const ws = await db.workspace.findFirstOrThrow({ where: { name: "vigil-local-host" } });
  await signInAs(page, "contributor");
  const res = await portal(page).post(`/api/v1/workspaces/${ws.id}/entities`, {
    data: { kind: "LINUX_FILE", itemName: "root's files", path: "/root/*", pathType: "FILE", uploadContent: true },
  });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.error.fields[0]).toMatchObject({
    field: "path",
    message: expect.stringMatching(/outside the folders the operator of the Vigil host allows/),
  });
  await page.goto(`/fim/workspaces/${ws.id}/settings`);
  await expect(page.getByText("This workspace is the Vigil host itself.")).toContainText(E2E_LOCAL_ALLOWED);
});
