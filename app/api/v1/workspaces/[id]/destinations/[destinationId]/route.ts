import { API } from "@/lib/contracts/api";
import { deleteDestination, updateDestination } from "@/lib/server/alerts/destinations";
import { handle } from "@/lib/server/route";

export const PATCH = handle(API.destinations.updateDestination, ({ db, user, params, body }) =>
  updateDestination(db, user, params.id, params.destinationId, body),
);
export const DELETE = handle(API.destinations.deleteDestination, ({ db, user, params }) =>
  deleteDestination(db, user, params.id, params.destinationId),
);
