import "server-only";
import type { TEntity, TEntityCollection, TEntityList } from "@/lib/contracts/entities";
import { roleAllows } from "@/lib/domain/roles";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "../db";
import { notFound } from "../errors";
import { hostReadPolicy } from "../local-host/read-policy";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";

type EntityRow = Prisma.TrackedEntityGetPayload<object>;
type StateRow = { entityId: string; itemCount: number; lastScanAt: Date; lastError: string | null; machine: { name: string } };

const MAX_FAILING_SHOWN = 5;
export const NO_COLLECTION: TEntityCollection = { machines: 0, items: 0, lastScanAt: null, failing: [], failingCount: 0 };

export function toEntityDto(e: EntityRow, collection: TEntityCollection = NO_COLLECTION): TEntity {
  return {
    id: e.id,
    kind: e.kind,
    enabled: e.enabled,
    itemName: e.itemName,
    group: e.group,
    path: e.path,
    pathType: e.pathType,
    recursion: e.recursion,
    useSudo: e.useSudo,
    links: e.links,
    uploadContent: e.uploadContent,
    verifyEveryScan: e.verifyEveryScan,
    valueName: e.valueName,
    frequencySec: e.frequencySec,
    recommended: e.recommended,
    updatedAt: e.updatedAt.toISOString(),
    collection,
  };
}

function collectionByEntity(states: StateRow[]): Map<string, TEntityCollection> {
  const out = new Map<string, TEntityCollection>();
  for (const s of states) {
    const c = out.get(s.entityId) ?? { machines: 0, items: 0, lastScanAt: null, failing: [], failingCount: 0 };
    c.machines += 1;
    c.items += s.itemCount;
    const at = s.lastScanAt.toISOString();
    if (c.lastScanAt === null || at > c.lastScanAt) c.lastScanAt = at;
    if (s.lastError) {
      c.failingCount += 1;
      if (c.failing.length < MAX_FAILING_SHOWN) c.failing.push({ machine: s.machine.name, error: s.lastError });
    }
    out.set(s.entityId, c);
  }
  return out;
}

/** Every tracked entity of a workspace with how its collection goes; any role that can read the workspace. */
export async function listEntities(db: Db, user: TCurrentUser, workspaceId: string): Promise<TEntityList> {
  const role = await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true, fimEnabled: true } });
  if (!ws) throw notFound("The workspace");
  const [entities, states, localMachines] = await Promise.all([
    db.trackedEntity.findMany({ where: { workspaceId } }),
    db.entityCollectionState.findMany({
      where: { entity: { workspaceId } },
      select: { entityId: true, itemCount: true, lastScanAt: true, lastError: true, machine: { select: { name: true } } },
    }),
    db.machine.count({ where: { workspaceId, agentKind: "LOCAL" } }),
  ]);
  const policy = localMachines > 0 ? hostReadPolicy() : null;
  const collection = collectionByEntity(states);
  entities.sort((a, b) => a.itemName.localeCompare(b.itemName, "en", { sensitivity: "base" }) || a.path.localeCompare(b.path));
  return {
    workspaceId: ws.id,
    fimEnabled: ws.fimEnabled,
    canEdit: ws.fimEnabled && roleAllows(role, "entity.edit"),
    entities: entities.map((e) => toEntityDto(e, collection.get(e.id))),
    hostReads: policy && { allowed: [...policy.shown], source: policy.source },
  };
}
