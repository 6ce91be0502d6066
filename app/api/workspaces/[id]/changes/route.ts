import { route } from "@/lib/server/route";
import { listChanges } from "@/lib/server/changes/list-changes";
import { ZWorkspaceParams } from "../schema";
import { ZChangesQuery } from "./schema";

export const GET = route({ params: ZWorkspaceParams, query: ZChangesQuery }, ({ db, user, params, query }) =>
  listChanges(db, user, params.id, query),
);
