"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { recentQueryEndpoints, savedQueryEndpoints, type TRecentQueryBody, type TSavedQueryBody } from "@/lib/contracts/saved-queries";
import { queryEndpoints, type TQueryBody } from "@/lib/contracts/query";
import { callApi } from "./api";
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
