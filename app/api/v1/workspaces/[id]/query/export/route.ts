import { API } from "@/lib/contracts/api";
import { queryCsv } from "@/lib/server/logs/query-export";
import { handle } from "@/lib/server/route";

export const POST = handle(API.query.export, async ({ db, params, body }) => queryCsv(db, params.id, body));
