"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TEntity,
  TEntityCreateBody,
  TEntityList,
  TEntityPatchBody,
  TPreviewBody,
  TPreviewResult,
} from "@/lib/contracts/entities";
import { fetchJson } from "@/lib/client/fetch-json";
import { fimKeys } from "@/components/fim/queries";

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/entities`;

export function useEntities(workspaceId: string, initial?: TEntityList) {
  return useQuery({
    queryKey: fimKeys.entities(workspaceId),
    queryFn: () => fetchJson<TEntityList>(base(workspaceId)),
    initialData: initial,
  });
}

/** A saved change also changes the workspace (entity count) and its activity: refresh everything under it. */
function useInvalidateWorkspace(workspaceId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: fimKeys.workspace(workspaceId) });
}

export function useCreateEntity(workspaceId: string) {
  const invalidate = useInvalidateWorkspace(workspaceId);
  return useMutation({
    mutationFn: (body: TEntityCreateBody) => fetchJson<TEntity>(base(workspaceId), { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdateEntity(workspaceId: string) {
  const invalidate = useInvalidateWorkspace(workspaceId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TEntityPatchBody }) =>
      fetchJson<TEntity>(`${base(workspaceId)}/${encodeURIComponent(id)}`, { method: "PATCH", json: patch }),
    onSuccess: invalidate,
  });
}

export function useDeleteEntity(workspaceId: string) {
  const invalidate = useInvalidateWorkspace(workspaceId);
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ id: string }>(`${base(workspaceId)}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

/** Preview changes nothing, so it invalidates nothing. */
export function usePreviewRule(workspaceId: string) {
  return useMutation({
    mutationFn: (rule: TPreviewBody) => fetchJson<TPreviewResult>(`${base(workspaceId)}/preview`, { method: "POST", json: rule }),
  });
}
