// Downloads: every list as CSV with the filter it shows, and the dashboard's report as PDF.
import { z } from "zod";
import { ZChangeFilter } from "./changes";
import { ZId } from "./common";
import { endpoint } from "./endpoint";
import { ZServersListing } from "./machines";
import { PERIOD_TEXT, ZPeriodQuery } from "./period";

/** A CSV file as the OpenAPI document describes it; the server writes it in lib/server/export/csv-stream.ts. */
export const ZCsvFile = z.string().meta({
  description:
    "RFC 4180 CSV in UTF-8 (no byte-order mark): a header row, then one record per row, each ended by CRLF. A text cell that " +
    "starts with =, +, -, @, a tab or CR (or their full-width forms) is written with a single quote in front so that a " +
    "spreadsheet shows it as text instead of running it as a formula. Dates are ISO 8601 in UTC.",
});

export const ZPdfFile = z.string().meta({ format: "binary", description: "A PDF document." });

const CSV_TEXT = "Streamed as it is read, so a list of any length downloads in bounded memory.";
const read = { kind: "workspace", action: "workspace.read" } as const;
const ZWorkspaceId = z.object({ id: ZId("workspace id") });

export const exportEndpoints = {
  workspaces: endpoint({
    operationId: "exportWorkspaces",
    method: "GET",
    path: "/api/v1/workspaces/export",
    tag: "Workspaces",
    summary: "Download the workspace list as CSV",
    description: `The File integrity monitoring list as CSV: every workspace you hold a role on, with its subscription, plan, FIM state, machine counts and changes of the last 7 days. ${CSV_TEXT}`,
    access: { kind: "user" },
    response: ZCsvFile,
    responseName: "WorkspacesCsv",
    errors: [],
    download: "text/csv",
  }),
  machines: endpoint({
    operationId: "exportMachines",
    method: "GET",
    path: "/api/v1/workspaces/{id}/machines/export",
    tag: "Machines",
    summary: "Download the machine list as CSV",
    description: `The Servers tab as CSV: every machine matching the search, in the tab's sort, with its state and changes in the period by type. The file name names the period and the search. ${CSV_TEXT} ${PERIOD_TEXT}`,
    access: read,
    params: ZWorkspaceId,
    query: ZPeriodQuery.and(ZServersListing),
    response: ZCsvFile,
    responseName: "MachinesCsv",
    errors: [404, 422],
    download: "text/csv",
  }),
  changes: endpoint({
    operationId: "exportChanges",
    method: "GET",
    path: "/api/v1/workspaces/{id}/changes/export",
    tag: "Changes",
    summary: "Download changes as CSV",
    description: `The Changes tab as CSV: every change its filter lists (the same query parameters as the list, without sort or page), newest first, with review state and package attribution. The file name names the period and the filter. ${CSV_TEXT} ${PERIOD_TEXT}`,
    access: read,
    params: ZWorkspaceId,
    query: ZChangeFilter,
    response: ZCsvFile,
    responseName: "ChangesCsv",
    errors: [404, 422],
    download: "text/csv",
  }),
  report: endpoint({
    operationId: "getReport",
    method: "GET",
    path: "/api/v1/workspaces/{id}/report",
    tag: "Dashboard",
    summary: "Download the dashboard report as PDF",
    description: `The dashboard of the period as a PDF report: the summary and its breakdowns, changes over time, the machines and their states, the changes that need a look, the tracked entities, and who made it when. ${PERIOD_TEXT}`,
    access: read,
    params: ZWorkspaceId,
    query: ZPeriodQuery,
    response: ZPdfFile,
    responseName: "ReportPdf",
    errors: [404, 422],
    download: "application/pdf",
  }),
};
