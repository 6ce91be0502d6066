import { route } from "@/lib/server/route";
import { listServers } from "@/lib/server/changes/servers";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";
import { ZServersQuery } from "@/lib/contracts/machines";

export const GET = route({ params: ZWorkspaceParams, query: ZServersQuery }, ({ db, user, params, query }) =>
  listServers(db, user, params.id, query),
);
