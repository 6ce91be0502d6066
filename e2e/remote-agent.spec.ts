import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { agentWorkspace, runAgent } from "./support/agent";
import { test, expect, signInAs, screenshot } from "./support/fixtures";

// A remote agent (`npm run agent`) on this host, registered with an Owner's user token into a FIM-enabled workspace
// of its own, scans a folder tracked by a Linux file entity and posts to the e2e server; its machine and changes
// then show on the workspace's dashboard like any other.
const WORKSPACE = "contoso-agents-e2e";
const HOST = "e2e-remote-web-01";

test("a remote agent registers, reports its changes, and they show on the dashboard", async ({ page, db, baseURL }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-remote-"));
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-agent-state-"));
  fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 80\n");
  fs.writeFileSync(path.join(dir, "users.txt"), "alice\n");

  const { ws, entity, token } = await agentWorkspace(db, WORKSPACE, dir);
  const state = path.join(stateDir, "agent-state.json");

  // First run: registers with the user token (saved 0600) and takes the baseline.
  const first = runAgent(baseURL!, ["--token", token, "--workspace", WORKSPACE, "--state", state, "--hostname", HOST]);
  expect(first).toContain(`registered ${HOST} in ${WORKSPACE}`);
  // The folder is an item too (its mode, owner and ACL), beside its two files.
  expect(first).toMatch(/Files: 3 items, 0 errors, 0 changes, 3 baselined/);
  expect(fs.statSync(state).mode & 0o777).toBe(0o600);
  const machine = await db.machine.findFirstOrThrow({ where: { workspaceId: ws.id, name: HOST } });
  expect(machine).toMatchObject({ agentKind: "REMOTE", osFamily: "LINUX", collectionStatus: "HEALTHY" });

  // The host changes; the second run (the saved agent token, no user token) reports it.
  fs.writeFileSync(path.join(dir, "app.conf"), "listen_port = 8080\n");
  fs.writeFileSync(path.join(dir, "backdoor.sh"), "#!/bin/sh\nnc -l 4444\n");
  fs.rmSync(path.join(dir, "users.txt"));
  const second = runAgent(baseURL!, ["--state", state]);
  expect(second).toMatch(/Files: 3 items, 0 errors, 3 changes/);
  const records = await db.changeRecord.findMany({ where: { entityId: entity.id }, orderBy: { target: "asc" } });
  expect(records.map((c) => [c.category, path.basename(c.target), c.computer])).toEqual([
    ["Modified", "app.conf", HOST],
    ["Added", "backdoor.sh", HOST],
    ["Removed", "users.txt", HOST],
  ]);

  // The dashboard: the machine on the Servers tab with its 3 changes, and the changes on the Changes tab.
  await signInAs(page, "owner");
  await page.goto(`/fim/workspaces/${ws.id}`);
  await expect(page.getByRole("heading", { name: WORKSPACE, level: 1 })).toBeVisible();
  const computers = page.getByRole("table", { name: "Computers" });
  const row = computers.getByRole("row").filter({ hasText: HOST });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").filter({ hasText: /^3$/ }).first()).toBeVisible();
  await screenshot(page, "remote-agent-servers");

  await page.getByRole("tab", { name: "Changes" }).click();
  const changes = page.getByRole("table", { name: "Changes" });
  for (const name of ["app.conf", "backdoor.sh", "users.txt"]) {
    await expect(changes.getByRole("row").filter({ hasText: name }).filter({ hasText: HOST })).toHaveCount(1);
  }
  await screenshot(page, "remote-agent-changes");

  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(stateDir, { recursive: true, force: true });
});
