import "server-only";
// Helpers shared by the entity services' integration tests.
import type { TEntityCreateBody } from "@/lib/contracts/entities";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { TCurrentUser } from "../session";

export const userByEmail = async (db: Db, email: string): Promise<TCurrentUser> => {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email: u.email, name: u.name };
};

export const workspaceId = async (db: Db, name: string) => (await db.workspace.findFirstOrThrow({ where: { name } })).id;

/** The AppError a call was refused with (fails the test if it was not refused). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal, but the call succeeded");
}

/** Everything a refused save could have touched, to prove it touched nothing. */
export async function snapshot(db: Db, wsId: string) {
  const [entities, ws, audit, states, items] = await Promise.all([
    db.trackedEntity.findMany({ where: { workspaceId: wsId }, orderBy: { id: "asc" } }),
    db.workspace.findUniqueOrThrow({ where: { id: wsId }, select: { configVersion: true } }),
    db.auditEvent.count({ where: { workspaceId: wsId } }),
    db.entityCollectionState.count({ where: { entity: { workspaceId: wsId } } }),
    db.inventoryItem.count({ where: { machine: { workspaceId: wsId } } }),
  ]);
  return { entities, configVersion: ws.configVersion, audit, states, items };
}

export const linuxFile = (path: string, extra: Partial<TEntityCreateBody> = {}): TEntityCreateBody => ({
  kind: "LINUX_FILE",
  itemName: path.split("/").pop() || "file",
  path,
  pathType: "FILE",
  ...extra,
});

/** A baseline as the scanner leaves it: per-machine collection state and inventory items of one entity. */
export async function fakeBaseline(db: Db, wsId: string, entityId: string, itemKeys: string[]) {
  const machines = await db.machine.findMany({ where: { workspaceId: wsId, osFamily: "LINUX" }, take: 2 });
  const at = new Date();
  for (const m of machines) {
    await db.entityCollectionState.create({
      data: { machineId: m.id, entityId, baselineAt: at, lastScanAt: at, itemCount: itemKeys.length },
    });
    await db.inventoryItem.createMany({
      data: itemKeys.map((itemKey) => ({
        machineId: m.id,
        changeType: "Files" as const,
        itemKey,
        entityId,
        sha256: "0".repeat(64),
        size: 10n,
      })),
    });
  }
  return { machines: machines.length, items: machines.length * itemKeys.length };
}

/**
 * A tenant that shares nothing with the demo one: its own subscription, a FIM-enabled workspace, an Owner and a
 * Reader, and one Linux machine collected by a remote agent.
 */
export async function unrelatedTenant(db: Db, name = "Fabrikam") {
  const slug = name.toLowerCase();
  const tenant = await db.tenant.create({ data: { name } });
  const sub = await db.subscription.create({ data: { tenantId: tenant.id, name: `${name} Production`, plan: "DEFENDER_SERVERS_P2" } });
  const ws = await db.workspace.create({
    data: { subscriptionId: sub.id, name: `${slug}-prod`, location: "West Europe", fimEnabled: true, fimEnabledAt: new Date() },
  });
  const machine = await db.machine.create({
    data: {
      workspaceId: ws.id,
      name: `${slug}-web-01`,
      osFamily: "LINUX",
      osVersion: "Debian 12",
      source: "AZURE_VM",
      agentKind: "REMOTE",
    },
  });
  const user = async (role: "OWNER" | "READER"): Promise<TCurrentUser> => {
    const u = await db.user.create({
      data: { id: `${slug}-${role.toLowerCase()}`, email: `${role.toLowerCase()}@${slug}.com`, name: `${name} ${role}` },
    });
    await db.roleAssignment.create({ data: { userId: u.id, role, subscriptionId: sub.id } });
    return { id: u.id, email: u.email, name: u.name };
  };
  return { workspaceId: ws.id, machine, owner: await user("OWNER"), reader: await user("READER") };
}
