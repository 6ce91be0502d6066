import { API } from "@/lib/contracts/api";
import { getSummary } from "@/lib/server/changes/summary";
import { handle } from "@/lib/server/route";

export const GET = handle(API.summary.get, ({ db, user, params, query }) => getSummary(db, user, params.id, query));
