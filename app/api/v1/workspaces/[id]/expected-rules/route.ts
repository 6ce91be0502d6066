import { API } from "@/lib/contracts/api";
import { createRule, listRules } from "@/lib/server/rules/rules";
import { handle } from "@/lib/server/route";

export const GET = handle(API.rules.list, ({ db, user, params }) => listRules(db, user, params.id));
export const POST = handle(API.rules.create, ({ db, user, params, body }) => createRule(db, user, params.id, body));
