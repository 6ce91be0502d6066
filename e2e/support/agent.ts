// Helpers of the specs that run a remote agent (`npm run agent`) on this host against the e2e server.
import { spawnSync } from "node:child_process";
import type { Db } from "@/lib/server/db";
import { issueToken } from "@/lib/server/tokens/tokens";
import { expect } from "./fixtures";

export function runAgent(baseURL: string, args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", "agent", "--", "--server", baseURL, "--once", ...args], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
    timeout: 120_000,
  });
  expect(r.status, `agent exited with ${r.status}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stderr;
}

/** A FIM-enabled workspace of its own whose one Linux file entity tracks `dir`, and an Owner's user token. */
export async function agentWorkspace(db: Db, name: string, dir: string) {
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const owner = await db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
  await db.workspace.deleteMany({ where: { name } }); // a rerun against a kept database starts over
  const ws = await db.workspace.create({
    data: {
      subscriptionId: sub.id,
      name,
      resourceGroup: "rg-agents",
      location: "West Europe",
      fimEnabled: true,
      fimEnabledAt: new Date(),
      fimEnabledById: owner.id,
    },
  });
  const entity = await db.trackedEntity.create({
    data: {
      workspaceId: ws.id,
      kind: "LINUX_FILE",
      itemName: "App folder",
      group: "Custom",
      path: dir,
      pathType: "DIRECTORY",
      uploadContent: true,
      updatedById: owner.id,
    },
  });
  const { token } = await issueToken(db, { userId: owner.id, name: `e2e agent ${name}` });
  return { ws, entity, token };
}
