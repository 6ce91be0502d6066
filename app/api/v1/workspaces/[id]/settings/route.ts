import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { setRetention } from "@/lib/server/workspaces/set-retention";

export const PATCH = handle(API.workspaces.setRetention, ({ db, user, params, body }) => setRetention(db, user, params.id, body));
