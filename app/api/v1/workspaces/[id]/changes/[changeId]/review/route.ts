import { API } from "@/lib/contracts/api";
import { reviewChange } from "@/lib/server/changes/review";
import { handle } from "@/lib/server/route";

export const POST = handle(API.reviews.set, ({ db, user, params, body }) => reviewChange(db, user, params.id, params.changeId, body));
