import { route } from "@/lib/server/route";
import { getSummary } from "@/lib/server/changes/summary";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";
import { ZPeriodQuery } from "@/lib/contracts/period";

export const GET = route({ params: ZWorkspaceParams, query: ZPeriodQuery }, ({ db, user, params, query }) =>
  getSummary(db, user, params.id, query),
);
