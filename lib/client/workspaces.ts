"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TEnableFimBody, TRetentionBody, TWorkspaceDetails, TWorkspaceList } from "@/lib/contracts/workspaces";
import { workspaceEndpoints as api } from "@/lib/contracts/workspaces";
import { callApi } from "./api";

/** Query keys of the FIM feature; invalidate a prefix to refresh everything under it. */
export const fimKeys = {
  all: ["fim"] as const,
  workspaces: () => [...fimKeys.all, "workspaces"] as const,
  workspace: (id: string) => [...fimKeys.all, "workspace", id] as const,
  audit: (id: string) => [...fimKeys.workspace(id), "audit"] as const,
  entities: (id: string) => [...fimKeys.workspace(id), "entities"] as const,
  dashboard: (id: string) => [...fimKeys.workspace(id), "dashboard"] as const,
};

export function useWorkspaces(initial?: TWorkspaceList) {
  return useQuery({ queryKey: fimKeys.workspaces(), queryFn: () => callApi(api.list), initialData: initial });
}

export function useWorkspace(id: string, initial?: TWorkspaceDetails) {
  return useQuery({ queryKey: fimKeys.workspace(id), queryFn: () => callApi(api.get, { params: { id } }), initialData: initial });
}

export function useAuditEvents(id: string) {
  return useQuery({ queryKey: fimKeys.audit(id), queryFn: () => callApi(api.audit, { params: { id } }) });
}

/** Every onboarding mutation changes the list and the workspace: refresh the whole feature on success. */
function useInvalidateFim() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: fimKeys.all });
}

export function useUpgradePlan() {
  const onSuccess = useInvalidateFim();
  return useMutation({ mutationFn: ({ id }: { id: string }) => callApi(api.upgrade, { params: { id } }), onSuccess });
}

export function useEnableFim() {
  const onSuccess = useInvalidateFim();
  return useMutation({
    mutationFn: ({ id, entities }: { id: string } & TEnableFimBody) => callApi(api.enable, { params: { id }, body: { entities } }),
    onSuccess,
  });
}

export function useDisableFim() {
  const onSuccess = useInvalidateFim();
  return useMutation({ mutationFn: ({ id }: { id: string }) => callApi(api.disable, { params: { id } }), onSuccess });
}

export function useSetRetention(id: string) {
  const onSuccess = useInvalidateFim();
  return useMutation({ mutationFn: (body: TRetentionBody) => callApi(api.setRetention, { params: { id }, body }), onSuccess });
}
