import { API } from "@/lib/contracts/api";
import { reviewChanges } from "@/lib/server/changes/review";
import { handle } from "@/lib/server/route";

export const POST = handle(API.reviews.bulk, ({ db, user, params, query, body }) => reviewChanges(db, user, params.id, query, body));
