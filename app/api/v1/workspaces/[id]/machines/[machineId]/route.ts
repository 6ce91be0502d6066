import { getMachineV1 } from "@/lib/server/api-v1/machines";
import { route } from "@/lib/server/route";
import { ZPeriodQuery } from "@/app/api/workspaces/[id]/summary/schema";
import { ZV1MachineParams } from "@/app/api/v1/schema";

export const GET = route({ params: ZV1MachineParams, query: ZPeriodQuery }, ({ db, user, params, query }) =>
  getMachineV1(db, user, params.id, params.machineId, query),
);
