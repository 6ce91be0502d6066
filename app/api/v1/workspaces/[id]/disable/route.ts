import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { disableFim } from "@/lib/server/workspaces/disable-fim";

export const POST = handle(API.workspaces.disable, ({ db, user, params }) => disableFim(db, user, params.id));
