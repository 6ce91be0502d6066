import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { route } from "@/lib/server/route";
import { enableFim } from "@/lib/server/workspaces/enable-fim";
import { ZWorkspaceParams } from "@/app/api/workspaces/[id]/schema";
import { ZV1EnableBody } from "@/app/api/v1/schema";

export const POST = route({ params: ZWorkspaceParams, body: ZV1EnableBody }, ({ db, user, params, body }) =>
  enableFim(db, user, params.id, body.entities ?? RECOMMENDED_KEYS),
);
