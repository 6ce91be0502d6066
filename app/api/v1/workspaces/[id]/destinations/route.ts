import { API } from "@/lib/contracts/api";
import { createDestination, listDestinations } from "@/lib/server/alerts/destinations";
import { handle } from "@/lib/server/route";

export const GET = handle(API.destinations.listDestinations, ({ db, user, params }) => listDestinations(db, user, params.id));
export const POST = handle(API.destinations.createDestination, ({ db, user, params, body }) =>
  createDestination(db, user, params.id, body),
);
