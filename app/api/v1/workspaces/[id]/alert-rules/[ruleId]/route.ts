import { API } from "@/lib/contracts/api";
import { deleteAlertRule, updateAlertRule } from "@/lib/server/alerts/alert-rules";
import { handle } from "@/lib/server/route";

export const PATCH = handle(API.alerts.updateRule, ({ db, user, params, body }) =>
  updateAlertRule(db, user, params.id, params.ruleId, body),
);
export const DELETE = handle(API.alerts.deleteRule, ({ db, user, params }) => deleteAlertRule(db, user, params.id, params.ruleId));
