import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";

export const GET = handle(API.workspaces.list, async ({ db, user }) => ({ workspaces: await listWorkspaces(db, user) }));
