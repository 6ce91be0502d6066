import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { route } from "@/lib/server/route";
import { enableFim } from "@/lib/server/workspaces/enable-fim";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";
import { ZV1EnableBody } from "@/lib/contracts/api-v1";

export const POST = route({ params: ZWorkspaceParams, body: ZV1EnableBody }, ({ db, user, params, body }) =>
  enableFim(db, user, params.id, body.entities ?? RECOMMENDED_KEYS),
);
