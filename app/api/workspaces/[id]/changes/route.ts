import { route } from "@/lib/server/route";
import { listChanges } from "@/lib/server/changes/list-changes";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";
import { ZChangesQuery } from "@/lib/contracts/changes";

export const GET = route({ params: ZWorkspaceParams, query: ZChangesQuery }, ({ db, user, params, query }) =>
  listChanges(db, user, params.id, query),
);
