import { API } from "@/lib/contracts/api";
import { deliveryLog } from "@/lib/server/alerts/destinations";
import { handle } from "@/lib/server/route";

export const GET = handle(API.destinations.deliveryLog, ({ db, user, params }) => deliveryLog(db, user, params.id, params.destinationId));
