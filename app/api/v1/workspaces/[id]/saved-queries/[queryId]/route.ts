import { API } from "@/lib/contracts/api";
import { deleteSavedQuery } from "@/lib/server/logs/saved-queries";
import { handle } from "@/lib/server/route";

export const DELETE = handle(API.savedQueries.delete, ({ db, params }) => deleteSavedQuery(db, params.id, params.queryId));
