import { listServers } from "@/lib/server/changes/servers";
import { route } from "@/lib/server/route";
import { ZWorkspaceParams } from "@/app/api/workspaces/[id]/schema";
import { ZServersQuery } from "@/app/api/workspaces/[id]/machines/schema";

export const GET = route({ params: ZWorkspaceParams, query: ZServersQuery }, ({ db, user, params, query }) =>
  listServers(db, user, params.id, query),
);
