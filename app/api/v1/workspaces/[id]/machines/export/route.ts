import { API } from "@/lib/contracts/api";
import { csvResponse } from "@/lib/server/export/download";
import { exportMachines, MACHINE_COLUMNS } from "@/lib/server/export/list-exports";
import { handle } from "@/lib/server/route";

export const GET = handle(API.exports.machines, async ({ db, user, params, query }) =>
  csvResponse(MACHINE_COLUMNS, await exportMachines(db, user, params.id, query)),
);
