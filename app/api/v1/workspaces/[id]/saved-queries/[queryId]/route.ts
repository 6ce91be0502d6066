import { API } from "@/lib/contracts/api";
import { deleteSavedQuery } from "@/lib/server/logs/saved-queries";
import { handle } from "@/lib/server/route";

export const DELETE = handle(API.savedQueries.delete, ({ db, user, params }) => deleteSavedQuery(db, user, params.id, params.queryId));
