"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TEntityCreateBody, TEntityList, TEntityPatchBody, TPreviewBody } from "@/lib/contracts/entities";
import { entityEndpoints as api } from "@/lib/contracts/entities";
import { callApi } from "./api";
import { fimKeys } from "./workspaces";

export function useEntities(workspaceId: string, initial?: TEntityList) {
  return useQuery({
    queryKey: fimKeys.entities(workspaceId),
    queryFn: () => callApi(api.list, { params: { id: workspaceId } }),
    initialData: initial,
  });
}

/** A saved change also changes the workspace (entity count) and its activity: refresh everything under it. */
function useInvalidateWorkspace(workspaceId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: fimKeys.workspace(workspaceId) });
}

export function useCreateEntity(workspaceId: string) {
  const onSuccess = useInvalidateWorkspace(workspaceId);
  return useMutation({
    mutationFn: (body: TEntityCreateBody) => callApi(api.create, { params: { id: workspaceId }, body }),
    onSuccess,
  });
}

export function useUpdateEntity(workspaceId: string) {
  const onSuccess = useInvalidateWorkspace(workspaceId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TEntityPatchBody }) =>
      callApi(api.update, { params: { id: workspaceId, entityId: id }, body: patch }),
    onSuccess,
  });
}

export function useDeleteEntity(workspaceId: string) {
  const onSuccess = useInvalidateWorkspace(workspaceId);
  return useMutation({
    mutationFn: (id: string) => callApi(api.delete, { params: { id: workspaceId, entityId: id } }),
    onSuccess,
  });
}

/** Preview changes nothing, so it invalidates nothing. */
export function usePreviewRule(workspaceId: string) {
  return useMutation({ mutationFn: (rule: TPreviewBody) => callApi(api.preview, { params: { id: workspaceId }, body: rule }) });
}
