import "server-only";
import type { TPeriodQuery } from "@/lib/contracts/period";
import type { Db } from "../db";
import { periodName } from "../export/changes-export";
import { fileName } from "../export/download";
import type { TCurrentUser } from "../session";
import { reportData } from "./report-data";
import { renderReport } from "./report-pdf";

/** The dashboard report of a period: its file name names the workspace, the period and the day it was made. */
export async function makeReport(db: Db, user: TCurrentUser, workspaceId: string, q: TPeriodQuery, now = new Date()) {
  const data = await reportData(db, user, workspaceId, q, now);
  const name = fileName(["fim-report", data.workspace.name, periodName(data.summary.period.key, q), now.toISOString().slice(0, 10)], "pdf");
  return { name, bytes: await renderReport(data) };
}
