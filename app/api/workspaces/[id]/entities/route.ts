import { createEntity } from "@/lib/server/entities/save-entity";
import { listEntities } from "@/lib/server/entities/list-entities";
import { route } from "@/lib/server/route";
import { ZEntityCreateBody, ZEntityListParams } from "@/lib/contracts/entities";

export const GET = route({ params: ZEntityListParams }, ({ db, user, params }) => listEntities(db, user, params.id));

export const POST = route({ params: ZEntityListParams, body: ZEntityCreateBody }, async ({ db, user, params, body }) =>
  Response.json(await createEntity(db, user, params.id, body), { status: 201 }),
);
