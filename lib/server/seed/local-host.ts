import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RECOMMENDED_LINUX_FILES } from "@/lib/domain/recommended";
import type { Db } from "../db";
import { recommendedEntityRows } from "../entities/recommended-rows";
import { withDefaultRule } from "../rules/defaults";

export const LOCAL_WORKSPACE = "vigil-local-host";
const LOCAL_SUBSCRIPTION = "Contoso Production";

/** This host's OS as /etc/os-release names it. */
function osVersion(): string {
  try {
    const release = fs.readFileSync("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? `${os.type()} ${os.release()}`;
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

export function demoFolder(root = process.cwd()): string {
  return path.resolve(root, process.env.VIGIL_DATA_DIR ?? "data", "local-demo");
}

/**
 * The host that runs the worker, shown as a real machine in a workspace of its own, with FIM enabled on the
 * recommended Linux entities and on a demo folder that the worker itself changes now and then. Idempotent.
 */
export async function ensureLocalHost(db: Db, opts: { hostname?: string; demoDir?: string } = {}) {
  const hostname = opts.hostname ?? os.hostname();
  const sub = await db.subscription.findFirst({ where: { name: LOCAL_SUBSCRIPTION } });
  if (!sub) return null;
  const existing = await db.workspace.findUnique({ where: { subscriptionId_name: { subscriptionId: sub.id, name: LOCAL_WORKSPACE } } });
  if (existing) return existing;
  const owner = await db.user.findFirst({ where: { roleAssignments: { some: { subscriptionId: sub.id, role: "OWNER" } } } });
  const demoDir = opts.demoDir ?? demoFolder();

  return db.$transaction(async (tx) => {
    const ws = await tx.workspace.create({
      data: {
        subscriptionId: sub.id,
        name: LOCAL_WORKSPACE,
        resourceGroup: "rg-vigil-local",
        location: "On-premises",
        fimEnabled: true,
        fimEnabledAt: new Date(),
        fimEnabledById: owner?.id ?? null,
        ...withDefaultRule,
      },
    });
    await tx.machine.create({
      data: { workspaceId: ws.id, name: hostname, osFamily: "LINUX", osVersion: osVersion(), source: "LOCAL", agentKind: "LOCAL" },
    });
    await tx.trackedEntity.createMany({ data: recommendedEntityRows(ws.id, owner?.id ?? "", RECOMMENDED_LINUX_FILES) });
    await tx.trackedEntity.create({
      data: {
        workspaceId: ws.id,
        kind: "LINUX_FILE",
        itemName: "Vigil demo folder",
        group: "Demo",
        path: demoDir,
        pathType: "DIRECTORY",
        recursion: true,
        links: "FOLLOW",
        uploadContent: true,
        updatedById: owner?.id ?? null,
      },
    });
    return ws;
  });
}
