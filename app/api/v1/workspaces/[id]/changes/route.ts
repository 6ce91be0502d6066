import { listChangesV1 } from "@/lib/server/api-v1/changes";
import { route } from "@/lib/server/route";
import { ZWorkspaceParams } from "@/app/api/workspaces/[id]/schema";
import { ZV1ChangesQuery } from "@/app/api/v1/schema";

export const GET = route({ params: ZWorkspaceParams, query: ZV1ChangesQuery }, ({ db, user, params, query }) =>
  listChangesV1(db, user, params.id, query),
);
