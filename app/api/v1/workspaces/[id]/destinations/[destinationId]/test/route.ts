import { API } from "@/lib/contracts/api";
import { testDestination } from "@/lib/server/alerts/destinations";
import { handle } from "@/lib/server/route";

export const POST = handle(API.destinations.testDestination, ({ db, user, params }) =>
  testDestination(db, user, params.id, params.destinationId),
);
