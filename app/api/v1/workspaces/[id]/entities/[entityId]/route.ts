import { deleteEntity } from "@/lib/server/entities/delete-entity";
import { updateEntity } from "@/lib/server/entities/save-entity";
import { route } from "@/lib/server/route";
import { ZEntityParams, ZEntityPatchBody } from "@/lib/contracts/entities";

export const PATCH = route({ params: ZEntityParams, body: ZEntityPatchBody }, ({ db, user, params, body }) =>
  updateEntity(db, user, params.id, params.entityId, body),
);

export const DELETE = route({ params: ZEntityParams }, ({ db, user, params }) => deleteEntity(db, user, params.id, params.entityId));
