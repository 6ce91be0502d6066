import { API } from "@/lib/contracts/api";
import { listAllAlerts } from "@/lib/server/alerts/list-alerts";
import { handle } from "@/lib/server/route";

export const GET = handle(API.alerts.listAll, ({ db, user, query }) => listAllAlerts(db, user, query));
