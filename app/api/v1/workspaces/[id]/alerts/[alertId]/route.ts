import { API } from "@/lib/contracts/api";
import { getAlert, setAlertStatus } from "@/lib/server/alerts/list-alerts";
import { handle } from "@/lib/server/route";

export const GET = handle(API.alerts.get, ({ db, user, params }) => getAlert(db, user, params.id, params.alertId));
export const PATCH = handle(API.alerts.setStatus, ({ db, user, params, body }) =>
  setAlertStatus(db, user, params.id, params.alertId, body.status),
);
