import { API } from "@/lib/contracts/api";
import { deleteEntity } from "@/lib/server/entities/delete-entity";
import { updateEntity } from "@/lib/server/entities/save-entity";
import { handle } from "@/lib/server/route";

export const PATCH = handle(API.entities.update, ({ db, user, params, body }) => updateEntity(db, user, params.id, params.entityId, body));

export const DELETE = handle(API.entities.delete, ({ db, user, params }) => deleteEntity(db, user, params.id, params.entityId));
