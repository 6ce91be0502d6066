import { API } from "@/lib/contracts/api";
import { CHANGE_COLUMNS, exportChanges } from "@/lib/server/export/changes-export";
import { csvResponse } from "@/lib/server/export/download";
import { handle } from "@/lib/server/route";

export const GET = handle(API.exports.changes, async ({ db, user, params, query }) =>
  csvResponse(CHANGE_COLUMNS, await exportChanges(db, user, params.id, query)),
);
