import { route } from "@/lib/server/route";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";
import type { TWorkspaceList } from "@/lib/contracts/workspaces";

export const GET = route({}, async ({ db, user }): Promise<TWorkspaceList> => ({ workspaces: await listWorkspaces(db, user) }));
