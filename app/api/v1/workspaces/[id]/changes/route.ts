import { listChangesV1 } from "@/lib/server/api-v1/changes";
import { route } from "@/lib/server/route";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";
import { ZV1ChangesQuery } from "@/lib/contracts/api-v1";

export const GET = route({ params: ZWorkspaceParams, query: ZV1ChangesQuery }, ({ db, user, params, query }) =>
  listChangesV1(db, user, params.id, query),
);
