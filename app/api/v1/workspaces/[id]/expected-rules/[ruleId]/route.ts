import { API } from "@/lib/contracts/api";
import { deleteRule, updateRule } from "@/lib/server/rules/rules";
import { handle } from "@/lib/server/route";

export const PATCH = handle(API.rules.update, ({ db, user, params, body }) => updateRule(db, user, params.id, params.ruleId, body));
export const DELETE = handle(API.rules.delete, ({ db, user, params }) => deleteRule(db, user, params.id, params.ruleId));
