import { getMachineV1 } from "@/lib/server/api-v1/machines";
import { route } from "@/lib/server/route";
import { ZPeriodQuery } from "@/lib/contracts/period";
import { ZV1MachineParams } from "@/lib/contracts/api-v1";

export const GET = route({ params: ZV1MachineParams, query: ZPeriodQuery }, ({ db, user, params, query }) =>
  getMachineV1(db, user, params.id, params.machineId, query),
);
