import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setAttributeSync } from "@napi-rs/xattr";
import { ACL_USER, CAP_SETUID } from "@/lib/scanner/local/bench/mutations";
import { agentWorkspace, runAgent } from "./support/agent";
import { test, expect, signInAs, screenshot } from "./support/fixtures";

// What `setcap cap_setuid+ep` and `setfacl -m u:1000:rwx` do to a tracked file, read in Change details as a person
// would: the capability and the ACL before and after, not a bare "DateCreated" change. The bytes are the ones
// setcap and setfacl write (security.capability needs root, as setcap does).
const WORKSPACE = "contoso-detection-e2e";
const HOST = "e2e-detect-01";

test("a capability and an ACL added to a tracked binary read as such in Change details", async ({ page, db, baseURL }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-detect-"));
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-detect-state-"));
  const tool = path.join(dir, "backup-tool");
  const shared = path.join(dir, "shared.conf");
  fs.writeFileSync(tool, "#!/bin/sh\necho backup\n", { mode: 0o755 });
  fs.writeFileSync(shared, "mode = strict\n", { mode: 0o644 });
  try {
    const { ws, token } = await agentWorkspace(db, WORKSPACE, dir);
    const state = path.join(stateDir, "agent-state.json");
    runAgent(baseURL!, ["--token", token, "--workspace", WORKSPACE, "--state", state, "--hostname", HOST]);

    setAttributeSync(tool, "security.capability", CAP_SETUID);
    setAttributeSync(shared, "system.posix_acl_access", ACL_USER);
    expect(runAgent(baseURL!, ["--state", state])).toMatch(/2 changes/);

    await signInAs(page, "reader");
    await page.goto(`/fim/workspaces/${ws.id}?tab=changes`);
    const changes = page.getByRole("table", { name: "Changes" });
    const panel = page.getByRole("dialog", { name: "Change details" });
    const values = panel.getByRole("table", { name: "Previous and current values" });
    const row = (attr: string) => values.getByRole("row").filter({ has: page.getByRole("rowheader", { name: attr, exact: true }) });

    await changes.getByRole("row").filter({ hasText: "backup-tool" }).click();
    await expect(panel.getByLabel("Path or key")).toHaveText(tool);
    await expect(row("Capabilities").getByRole("cell").nth(1)).toHaveText(/cap_setuid[=+]ep/);
    await screenshot(page, "detection-capability");
    await panel.getByRole("button", { name: "Close" }).click();

    await changes.getByRole("row").filter({ hasText: "shared.conf" }).click();
    await expect(panel.getByLabel("Path or key")).toHaveText(shared);
    await expect(row("POSIX ACL").getByRole("cell").nth(1)).toContainText("user:1000:rwx");
    await screenshot(page, "detection-acl");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
});
