import { API } from "@/lib/contracts/api";
import { getMachine } from "@/lib/server/changes/get-machine";
import { handle } from "@/lib/server/route";

export const GET = handle(API.machines.get, ({ db, user, params, query }) => getMachine(db, user, params.id, params.machineId, query));
