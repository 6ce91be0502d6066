import { API } from "@/lib/contracts/api";
import { listChanges } from "@/lib/server/changes/list-changes";
import { handle } from "@/lib/server/route";

export const GET = handle(API.changes.list, ({ db, user, params, query }) => listChanges(db, user, params.id, query));
