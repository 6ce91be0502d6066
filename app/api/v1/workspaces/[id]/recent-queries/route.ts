import { API } from "@/lib/contracts/api";
import { listRecentQueries, recordRecentQuery } from "@/lib/server/logs/saved-queries";
import { handle } from "@/lib/server/route";

export const GET = handle(API.recentQueries.list, ({ db, user, params }) => listRecentQueries(db, user, params.id));
export const POST = handle(API.recentQueries.record, ({ db, user, params, body }) => recordRecentQuery(db, user, params.id, body));
