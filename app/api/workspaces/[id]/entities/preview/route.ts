import { previewEntityRule } from "@/lib/server/entities/preview";
import { route } from "@/lib/server/route";
import { ZEntityListParams, ZPreviewRule } from "@/lib/contracts/entities";

export const POST = route({ params: ZEntityListParams, body: ZPreviewRule }, ({ db, user, params, body }) =>
  previewEntityRule(db, user, params.id, body),
);
