"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { recentQueryEndpoints, savedQueryEndpoints, type TRecentQueryBody, type TSavedQueryBody } from "@/lib/contracts/saved-queries";
import { queryEndpoints, type TQueryBody } from "@/lib/contracts/query";
import type { TErrorBody } from "@/lib/contracts/errors";
import { apiPath, callApi } from "./api";
import { ApiError } from "./fetch-json";
import { fimKeys } from "./workspaces";

/** The Logs page's query keys: its saved queries (shared by the workspace) and the user's recent ones. */
export const logsKeys = {
  all: (workspaceId: string) => [...fimKeys.workspace(workspaceId), "logs"] as const,
  saved: (workspaceId: string) => [...logsKeys.all(workspaceId), "saved"] as const,
  recent: (workspaceId: string) => [...logsKeys.all(workspaceId), "recent"] as const,
};

export function useSavedQueries(workspaceId: string) {
  return useQuery({
    queryKey: logsKeys.saved(workspaceId),
    queryFn: () => callApi(savedQueryEndpoints.list, { params: { id: workspaceId } }),
  });
}

export function useSaveQuery(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSavedQueryBody) => callApi(savedQueryEndpoints.create, { params: { id: workspaceId }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: logsKeys.saved(workspaceId) }),
  });
}

export function useDeleteSavedQuery(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (queryId: string) => callApi(savedQueryEndpoints.delete, { params: { id: workspaceId, queryId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: logsKeys.saved(workspaceId) }),
  });
}

export function useRecentQueries(workspaceId: string) {
  return useQuery({
    queryKey: logsKeys.recent(workspaceId),
    queryFn: () => callApi(recentQueryEndpoints.list, { params: { id: workspaceId } }),
  });
}

/** Remembers a query the user ran; a failure to remember never stands in the way of the results. */
export function useRecordRecentQuery(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TRecentQueryBody) => callApi(recentQueryEndpoints.record, { params: { id: workspaceId }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: logsKeys.recent(workspaceId) }),
  });
}

/** Runs a query (a mutation: each Run asks the server again, as the Logs blade does). */
export function useRunQuery(workspaceId: string) {
  return useMutation({
    mutationFn: (body: TQueryBody) => callApi(queryEndpoints.run, { params: { id: workspaceId }, body }),
  });
}

/** The file name the server gives a download (Content-Disposition), or a fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

/**
 * Export to CSV: every row of the query (not only the ones shown), as the server streams it. The export is a POST
 * (the query is the body), so the file is fetched and handed to the browser to save.
 */
export function useExportQuery(workspaceId: string) {
  return useMutation({
    mutationFn: async (body: TQueryBody) => {
      const res = await fetch(apiPath(queryEndpoints.export, { id: workspaceId }), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/csv, application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        const err = (await res.json().catch(() => null)) as TErrorBody | null;
        throw new ApiError(res.status, err?.error.code ?? "internal", err?.error.message ?? `The server answered ${res.status}.`);
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = fileNameOf(res, "query.csv");
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}
