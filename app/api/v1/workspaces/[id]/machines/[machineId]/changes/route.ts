import { API } from "@/lib/contracts/api";
import { listMachineChanges } from "@/lib/server/changes/machine-changes";
import { handle } from "@/lib/server/route";

export const GET = handle(API.machines.changes, ({ db, user, params, query }) =>
  listMachineChanges(db, user, params.id, params.machineId, query),
);
