"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAuditEvent, TEnableFimBody, TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { fetchJson } from "@/lib/client/fetch-json";
import { fimKeys } from "@/components/fim/queries";

export function useWorkspace(id: string, initial?: TWorkspaceDetails) {
  return useQuery({
    queryKey: fimKeys.workspace(id),
    queryFn: () => fetchJson<TWorkspaceDetails>(`/api/workspaces/${id}`),
    initialData: initial,
  });
}

export function useAuditEvents(id: string) {
  return useQuery({
    queryKey: [...fimKeys.workspace(id), "audit"],
    queryFn: () => fetchJson<{ events: TAuditEvent[] }>(`/api/workspaces/${id}/audit`),
  });
}

/** Every onboarding mutation changes the list and the workspace: refresh the whole feature on success. */
function useFimMutation<TVars>(url: (vars: TVars) => string, body?: (vars: TVars) => unknown) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: TVars) => fetchJson<unknown>(url(vars), { method: "POST", json: body ? body(vars) : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: fimKeys.all }),
  });
}

export const useUpgradePlan = () => useFimMutation<{ id: string }>(({ id }) => `/api/workspaces/${id}/upgrade`);

export const useEnableFim = () =>
  useFimMutation<{ id: string } & TEnableFimBody>(
    ({ id }) => `/api/workspaces/${id}/enable`,
    ({ entities }) => ({ entities }),
  );

export const useDisableFim = () => useFimMutation<{ id: string }>(({ id }) => `/api/workspaces/${id}/disable`);
