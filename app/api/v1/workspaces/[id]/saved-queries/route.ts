import { API } from "@/lib/contracts/api";
import { createSavedQuery, listSavedQueries } from "@/lib/server/logs/saved-queries";
import { handle } from "@/lib/server/route";

export const GET = handle(API.savedQueries.list, ({ db, user, params }) => listSavedQueries(db, user, params.id));
export const POST = handle(API.savedQueries.create, ({ db, user, params, body }) => createSavedQuery(db, user, params.id, body));
