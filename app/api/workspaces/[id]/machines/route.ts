import { route } from "@/lib/server/route";
import { listServers } from "@/lib/server/changes/servers";
import { ZWorkspaceParams } from "../schema";
import { ZServersQuery } from "./schema";

export const GET = route({ params: ZWorkspaceParams, query: ZServersQuery }, ({ db, user, params, query }) =>
  listServers(db, user, params.id, query),
);
