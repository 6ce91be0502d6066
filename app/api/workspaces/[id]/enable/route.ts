import { route } from "@/lib/server/route";
import { enableFim } from "@/lib/server/workspaces/enable-fim";
import { ZEnableFimBody, ZWorkspaceParams } from "@/lib/contracts/workspaces";

export const POST = route({ params: ZWorkspaceParams, body: ZEnableFimBody }, ({ db, user, params, body }) =>
  enableFim(db, user, params.id, body.entities),
);
