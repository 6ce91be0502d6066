import { API } from "@/lib/contracts/api";
import { createAlertRule, listAlertRules } from "@/lib/server/alerts/alert-rules";
import { handle } from "@/lib/server/route";

export const GET = handle(API.alerts.listRules, ({ db, user, params }) => listAlertRules(db, user, params.id));
export const POST = handle(API.alerts.createRule, ({ db, user, params, body }) => createAlertRule(db, user, params.id, body));
