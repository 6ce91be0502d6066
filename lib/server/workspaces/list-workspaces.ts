import "server-only";
import type { TWorkspaceRow } from "@/lib/contracts/workspaces";
import { roleAllows, strongestRole, type TRole } from "@/lib/domain/roles";
import type { Db } from "../db";
import type { TCurrentUser } from "../session";

const WEEK_MS = 7 * 86_400_000;

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

  const [machineCounts, changeCounts] = await Promise.all([
    db.machine.groupBy({ by: ["workspaceId", "osFamily"], where: { workspaceId: { in: ids } }, _count: { _all: true } }),
    db.changeRecord.groupBy({
      by: ["workspaceId"],
      where: { workspaceId: { in: ids }, timeGenerated: { gte: new Date(now.getTime() - WEEK_MS) } },
      _count: { _all: true },
    }),
  ]);
  const changesOf = new Map(changeCounts.map((c) => [c.workspaceId, c._count._all]));
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
