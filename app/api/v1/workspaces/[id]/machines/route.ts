import { API } from "@/lib/contracts/api";
import { listServers } from "@/lib/server/changes/servers";
import { handle } from "@/lib/server/route";

export const GET = handle(API.machines.list, ({ db, user, params, query }) => listServers(db, user, params.id, query));
