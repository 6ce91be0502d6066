import { createEntity } from "@/lib/server/entities/save-entity";
import { listEntities } from "@/lib/server/entities/list-entities";
import { json, route } from "@/lib/server/route";
import { ZEntityCreateBody, ZEntityListParams } from "@/lib/contracts/entities";
import { ZV1EntitiesQuery } from "@/lib/contracts/api-v1";

export const GET = route({ params: ZEntityListParams, query: ZV1EntitiesQuery }, async ({ db, user, params, query }) => {
  const list = await listEntities(db, user, params.id);
  return query.kind ? { ...list, entities: list.entities.filter((e) => e.kind === query.kind) } : list;
});

export const POST = route({ params: ZEntityListParams, body: ZEntityCreateBody }, async ({ db, user, params, body }) =>
  json(await createEntity(db, user, params.id, body), { status: 201 }),
);
