import { API } from "@/lib/contracts/api";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { handle } from "@/lib/server/route";

export const GET = handle(API.alerts.list, ({ db, user, params, query }) => listAlerts(db, user, params.id, query));
