import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";

export const GET = handle(API.workspaces.get, ({ db, user, params }) => getWorkspace(db, user, params.id));
