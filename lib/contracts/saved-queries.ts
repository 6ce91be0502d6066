// The Logs page's queries: those saved in a workspace for everyone with a role on it, and each user's recent ones.
import { z } from "zod";
import { ZId, ZText } from "./common";
import { endpoint } from "./endpoint";

const run = { kind: "workspace", action: "query.run" } as const;
const save = { kind: "workspace", action: "query.save" } as const;

/** The longest query text kept (Log Analytics' own limit is far larger; a saved query is something a person reads). */
export const MAX_QUERY_CHARS = 10_000;
/** How many recent queries are kept for a user in a workspace. */
export const RECENT_QUERIES_KEPT = 20;

export const ZQueryText = ZText("The query", MAX_QUERY_CHARS)
  .refine((q) => q.trim().length > 0, "The query is empty.")
  .meta({ description: "KQL text, as run on the Logs page." });

/** An ISO 8601 duration, as Log Analytics' `timespan` (PT30M, PT24H, P7D...). */
export const ZTimespan = z
  .string({ message: "The timespan is an ISO 8601 duration such as PT24H or P7D." })
  .max(32, "The timespan is at most 32 characters.")
  .regex(/^P(\d+D|(\d+D)?T(\d+H(\d+M)?(\d+S)?|\d+M(\d+S)?|\d+S))$/, "The timespan is an ISO 8601 duration such as PT24H or P7D.")
  .meta({ description: "ISO 8601 duration of the time range (PT24H, P7D...)." });

export const ZSavedQuery = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  query: z.string(),
  timespan: z.string(),
  createdBy: z.string().meta({ description: "Name of the user who saved it." }),
  updatedAt: z.string(),
});
export type TSavedQuery = z.infer<typeof ZSavedQuery>;

export const ZSavedQueryList = z.object({
  queries: z.array(ZSavedQuery).meta({ description: "By name." }),
  canSave: z.boolean().meta({ description: "Whether the caller's role may save and delete queries here." }),
});
export type TSavedQueryList = z.infer<typeof ZSavedQueryList>;

export const ZSavedQueryBody = z.object({
  name: ZText("The name", 100).trim().min(1, "Name the query."),
  description: ZText("The description", 500).trim().optional(),
  query: ZQueryText,
  timespan: ZTimespan,
});
export type TSavedQueryBody = z.infer<typeof ZSavedQueryBody>;

export const ZRecentQuery = z.object({ id: z.string(), query: z.string(), timespan: z.string(), ranAt: z.string() });
export type TRecentQuery = z.infer<typeof ZRecentQuery>;
export const ZRecentQueryList = z.object({ queries: z.array(ZRecentQuery).meta({ description: "Newest first." }) });
export const ZRecentQueryBody = z.object({ query: ZQueryText, timespan: ZTimespan });
export type TRecentQueryBody = z.infer<typeof ZRecentQueryBody>;

const ws = z.object({ id: ZId("workspace id") });
const one = z.object({ id: ZId("workspace id"), queryId: ZId("query id") });
const base = "/api/v1/workspaces/{id}/saved-queries" as const;
const recent = "/api/v1/workspaces/{id}/recent-queries" as const;

export const savedQueryEndpoints = {
  list: endpoint({
    operationId: "listSavedQueries",
    method: "GET",
    path: base,
    tag: "Logs",
    summary: "List saved queries",
    description: "The KQL queries saved in the workspace's Logs page, by name.",
    access: run,
    params: ws,
    response: ZSavedQueryList,
    responseName: "SavedQueryList",
    errors: [404, 422],
  }),
  create: endpoint({
    operationId: "createSavedQuery",
    method: "POST",
    path: base,
    tag: "Logs",
    summary: "Save a query",
    description: "Saves a KQL query and its time range for everyone with a role on the workspace. Names are unique in a workspace.",
    access: save,
    params: ws,
    body: ZSavedQueryBody,
    bodyName: "SavedQueryBody",
    response: ZSavedQuery,
    responseName: "SavedQuery",
    status: 201,
    errors: [400, 404, 409, 413, 422],
  }),
  delete: endpoint({
    operationId: "deleteSavedQuery",
    method: "DELETE",
    path: `${base}/{queryId}`,
    tag: "Logs",
    summary: "Delete a saved query",
    description: "Removes the query from the workspace's saved queries.",
    access: save,
    params: one,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    responseName: "SavedQueryDeleted",
    errors: [404, 422],
  }),
};

export const recentQueryEndpoints = {
  list: endpoint({
    operationId: "listRecentQueries",
    method: "GET",
    path: recent,
    tag: "Logs",
    summary: "List my recent queries",
    description: `The caller's last ${RECENT_QUERIES_KEPT} queries run in the workspace's Logs page, newest first.`,
    access: run,
    params: ws,
    response: ZRecentQueryList,
    responseName: "RecentQueryList",
    errors: [404, 422],
  }),
  record: endpoint({
    operationId: "recordRecentQuery",
    method: "POST",
    path: recent,
    tag: "Logs",
    summary: "Remember a query I ran",
    description: `Puts the query first in the caller's recent queries (the same text run again moves up); only the newest ${RECENT_QUERIES_KEPT} are kept.`,
    access: run,
    params: ws,
    body: ZRecentQueryBody,
    bodyName: "RecentQueryBody",
    response: ZRecentQuery,
    responseName: "RecentQuery",
    status: 201,
    errors: [400, 404, 413, 422],
  }),
};
