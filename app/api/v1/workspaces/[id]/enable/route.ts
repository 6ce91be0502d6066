import { API } from "@/lib/contracts/api";
import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { handle } from "@/lib/server/route";
import { enableFim } from "@/lib/server/workspaces/enable-fim";

export const POST = handle(API.workspaces.enable, ({ db, user, params, body }) =>
  enableFim(db, user, params.id, body.entities ?? RECOMMENDED_KEYS),
);
