import { API } from "@/lib/contracts/api";
import { previewRule } from "@/lib/server/rules/rules";
import { handle } from "@/lib/server/route";

export const POST = handle(API.rules.preview, ({ db, user, params, body }) => previewRule(db, user, params.id, body));
