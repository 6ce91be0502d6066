import { route } from "@/lib/server/route";
import { listMachineChanges } from "@/lib/server/changes/machine-changes";
import { ZMachineChangesQuery, ZMachineParams } from "@/lib/contracts/machines";

export const GET = route({ params: ZMachineParams, query: ZMachineChangesQuery }, ({ db, user, params, query }) =>
  listMachineChanges(db, user, params.id, params.machineId, query),
);
