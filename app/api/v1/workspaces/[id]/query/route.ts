import { API } from "@/lib/contracts/api";
import { runQuery } from "@/lib/server/logs/run-query";
import { handle } from "@/lib/server/route";

export const POST = handle(API.query.run, async ({ db, params, body }) => runQuery(db, params.id, body));
