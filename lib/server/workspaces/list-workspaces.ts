import "server-only";
import type { TWorkspaceRow } from "@/lib/contracts/workspaces";
import { roleAllows, strongestRole, type TRole } from "@/lib/domain/roles";
import { totalChanges } from "../changes/summary";
import type { Db } from "../db";
import type { TCurrentUser } from "../session";

/** Every workspace the user holds a role on (directly or through its subscription), with the list's figures. */
export async function listWorkspaces(db: Db, user: TCurrentUser, now = new Date()): Promise<TWorkspaceRow[]> {
  const assignments = await db.roleAssignment.findMany({ where: { userId: user.id } });
  const subRoles = new Map<string, TRole[]>();
  const wsRoles = new Map<string, TRole[]>();
  for (const a of assignments) {
    if (a.subscriptionId) subRoles.set(a.subscriptionId, [...(subRoles.get(a.subscriptionId) ?? []), a.role]);
    if (a.workspaceId) wsRoles.set(a.workspaceId, [...(wsRoles.get(a.workspaceId) ?? []), a.role]);
  }

  const workspaces = await db.workspace.findMany({
    where: { OR: [{ subscriptionId: { in: [...subRoles.keys()] } }, { id: { in: [...wsRoles.keys()] } }] },
    include: { subscription: { select: { name: true, plan: true } } },
    orderBy: [{ subscription: { name: "asc" } }, { name: "asc" }],
  });
  const ids = workspaces.map((w) => w.id);

  // "Total changes" is the dashboard's figure for its default period (the last 7 days), counted the same way.
  const [machineCounts, totals] = await Promise.all([
    db.machine.groupBy({ by: ["workspaceId", "osFamily"], where: { workspaceId: { in: ids } }, _count: { _all: true } }),
    Promise.all(workspaces.map((w) => (w.fimEnabled ? totalChanges(db, w.id, {}, now) : 0))),
  ]);
  const changesOf = new Map(workspaces.map((w, i) => [w.id, totals[i]]));
  const machinesOf = (id: string, os: "WINDOWS" | "LINUX") =>
    machineCounts.find((m) => m.workspaceId === id && m.osFamily === os)?._count._all ?? 0;

  return workspaces.map((w) => {
    const role = strongestRole([...(subRoles.get(w.subscriptionId) ?? []), ...(wsRoles.get(w.id) ?? [])])!;
    const action = w.subscription.plan !== "DEFENDER_SERVERS_P2" ? "upgrade" : w.fimEnabled ? null : "enable";
    // Upgrading is a subscription matter: only a role held on the subscription counts for it.
    const canAct =
      action === "upgrade"
        ? roleAllows(strongestRole(subRoles.get(w.subscriptionId) ?? []), "plan.upgrade")
        : action === "enable"
          ? roleAllows(role, "fim.enable")
          : false;
    const windowsMachines = machinesOf(w.id, "WINDOWS");
    const linuxMachines = machinesOf(w.id, "LINUX");
    return {
      id: w.id,
      name: w.name,
      location: w.location,
      resourceGroup: w.resourceGroup,
      subscriptionId: w.subscriptionId,
      subscriptionName: w.subscription.name,
      plan: w.subscription.plan,
      fimEnabled: w.fimEnabled,
      totalChanges: w.fimEnabled ? (changesOf.get(w.id) ?? 0) : null,
      totalMachines: windowsMachines + linuxMachines,
      windowsMachines,
      linuxMachines,
      role,
      action,
      canAct,
    };
  });
}
