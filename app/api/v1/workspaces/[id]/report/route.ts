import { API } from "@/lib/contracts/api";
import { fileResponse } from "@/lib/server/export/download";
import { makeReport } from "@/lib/server/report/report";
import { handle } from "@/lib/server/route";

export const GET = handle(API.exports.report, async ({ db, user, params, query }) =>
  fileResponse("application/pdf", await makeReport(db, user, params.id, query)),
);
