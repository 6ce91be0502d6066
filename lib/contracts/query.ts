// Logs: run a Kusto (KQL) query over the workspace's ConfigurationChange and ConfigurationData, in the shape of
// Log Analytics' query API, so a script written for it works against Vigil by changing the base URL and the token.
import { z } from "zod";
import { ZId, ZText } from "./common";
import { endpoint } from "./endpoint";
import { ZCsvFile } from "./exports";

/** Rows a query answers with at most; export streams all of them. */
export const QUERY_ROW_CAP = 10_000;
export const QUERY_MAX_CHARS = 20_000;

export const ZQueryBody = z.object({
  query: ZText("The query", QUERY_MAX_CHARS)
    .refine((s) => s.trim() !== "", "The query is empty.")
    .meta({ description: 'The Kusto query, e.g. `ConfigurationChange | where ConfigChangeType == "Files" | take 10`.' }),
  timespan: z
    .string({ message: "timespan is an ISO 8601 duration or interval." })
    .max(100, "timespan is at most 100 characters.")
    .optional()
    .meta({
      description:
        "ISO 8601 duration ending now (`PT1H`, `P7D`) or interval (`2024-05-01T00:00:00Z/2024-05-02T00:00:00Z`, `start/PT1H`, `P1D/end`). It applies to every table the query reads, unless the query filters on TimeGenerated itself. None: all retained data.",
    }),
});
export type TQueryBody = z.infer<typeof ZQueryBody>;

export const KUSTO_TYPES = ["string", "datetime", "long", "int", "real", "bool", "dynamic", "timespan"] as const;

export const ZQueryColumn = z.object({ name: z.string(), type: z.enum(KUSTO_TYPES).meta({ description: "Kusto's type name." }) });
export type TQueryColumn = z.infer<typeof ZQueryColumn>;

export const ZQueryCell = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export const ZQueryTable = z.object({
  name: z.string().meta({ description: "`PrimaryResult`." }),
  columns: z.array(ZQueryColumn),
  rows: z
    .array(z.array(ZQueryCell))
    .meta({ description: "One array per row, values in the order of `columns`; datetimes as ISO 8601 UTC text." }),
});

export const ZQueryResult = z.object({
  tables: z.array(ZQueryTable),
  truncated: z
    .boolean()
    .optional()
    .meta({
      description: `True when the query has more than ${QUERY_ROW_CAP.toLocaleString("en-US")} rows and only the first ones are shown (export gives all).`,
    }),
});
export type TQueryResult = z.infer<typeof ZQueryResult>;

export const queryEndpoints = {
  run: endpoint({
    operationId: "runQuery",
    method: "POST",
    path: "/api/v1/workspaces/{id}/query",
    tag: "Logs",
    summary: "Run a Logs query",
    description: `Runs a Kusto (KQL) query over this workspace's ConfigurationChange and ConfigurationData tables, with Log Analytics' column names, and answers as Log Analytics' query API does (\`tables\` → \`PrimaryResult\`). Read-only, limited to this workspace's rows, at most ${QUERY_ROW_CAP.toLocaleString("en-US")} rows, and stopped after a time limit. A query outside the supported subset is refused with 400 and \`position\` (line, column, offset, length) of the part that is not supported.`,
    access: { kind: "workspace", action: "query.run" },
    params: z.object({ id: ZId("workspace id") }),
    body: ZQueryBody,
    bodyName: "QueryBody",
    response: ZQueryResult,
    responseName: "QueryResult",
    errors: [400, 404, 413, 422],
  }),
  export: endpoint({
    operationId: "exportQuery",
    method: "POST",
    path: "/api/v1/workspaces/{id}/query/export",
    tag: "Logs",
    summary: "Download a Logs query's results as CSV",
    description: `Every row of the query (no ${QUERY_ROW_CAP.toLocaleString("en-US")}-row cap), as CSV with the query's columns: the same body, scope and refusals as POST …/query. Streamed as the database reads it, so any number of rows downloads in bounded memory; a query stopped by the time limit after the download started ends the file early.`,
    access: { kind: "workspace", action: "query.run" },
    params: z.object({ id: ZId("workspace id") }),
    body: ZQueryBody,
    bodyName: "QueryBody",
    response: ZCsvFile,
    responseName: "QueryCsv",
    errors: [400, 404, 413, 422],
    download: "text/csv",
  }),
};
