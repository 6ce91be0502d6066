import { API } from "@/lib/contracts/api";
import { csvResponse } from "@/lib/server/export/download";
import { exportWorkspaces, WORKSPACE_COLUMNS } from "@/lib/server/export/list-exports";
import { handle } from "@/lib/server/route";

export const GET = handle(API.exports.workspaces, async ({ db, user }) => csvResponse(WORKSPACE_COLUMNS, await exportWorkspaces(db, user)));
