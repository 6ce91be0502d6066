import { API } from "@/lib/contracts/api";
import { previewEntityRule } from "@/lib/server/entities/preview";
import { handle } from "@/lib/server/route";

export const POST = handle(API.entities.preview, ({ db, user, params, body }) => previewEntityRule(db, user, params.id, body));
