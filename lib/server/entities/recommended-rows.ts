import "server-only";
import { RECOMMENDED_ENTITIES, type RecommendedEntity } from "@/lib/domain/recommended";
import type { Prisma } from "@/lib/generated/sqlite/client";

/** Tracked-entity rows for the recommended entities (all, or the ones the user kept checked). */
export function recommendedEntityRows(
  workspaceId: string,
  userId: string,
  entities: readonly RecommendedEntity[] = RECOMMENDED_ENTITIES,
): Prisma.TrackedEntityCreateManyInput[] {
  return entities.map((e) => ({
    workspaceId,
    kind: e.kind,
    enabled: true,
    itemName: e.itemName,
    group: e.group,
    path: e.path,
    pathType: e.pathType,
    recursion: e.recursion,
    useSudo: e.useSudo,
    links: e.links,
    uploadContent: false,
    valueName: e.valueName,
    recommended: true,
    updatedById: userId,
  }));
}
