import { route } from "@/lib/server/route";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";

export const GET = route({ params: ZWorkspaceParams }, ({ db, user, params }) => getWorkspace(db, user, params.id));
