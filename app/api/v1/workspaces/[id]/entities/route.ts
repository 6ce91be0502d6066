import { API } from "@/lib/contracts/api";
import { listEntities } from "@/lib/server/entities/list-entities";
import { createEntity } from "@/lib/server/entities/save-entity";
import { handle } from "@/lib/server/route";

export const GET = handle(API.entities.list, async ({ db, user, params, query }) => {
  const list = await listEntities(db, user, params.id);
  return query.kind ? { ...list, entities: list.entities.filter((e) => e.kind === query.kind) } : list;
});

export const POST = handle(API.entities.create, ({ db, user, params, body }) => createEntity(db, user, params.id, body));
