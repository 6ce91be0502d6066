import { API } from "@/lib/contracts/api";
import { getChangeDetails } from "@/lib/server/changes/change-details";
import { handle } from "@/lib/server/route";

export const GET = handle(API.changes.get, ({ db, user, params }) => getChangeDetails(db, user, params.id, params.changeId));
