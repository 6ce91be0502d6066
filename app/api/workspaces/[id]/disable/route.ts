import { route } from "@/lib/server/route";
import { disableFim } from "@/lib/server/workspaces/disable-fim";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";

export const POST = route({ params: ZWorkspaceParams }, ({ db, user, params }) => disableFim(db, user, params.id));
