"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ruleEndpoints as api, type TRuleCreateBody, type TRuleCriteria, type TRulePatchBody } from "@/lib/contracts/expected-rules";
import { callApi } from "./api";
import { fimKeys } from "./workspaces";

const rulesKey = (id: string) => [...fimKeys.workspace(id), "expected-rules"] as const;

export function useRules(workspaceId: string, enabled = true) {
  return useQuery({ queryKey: rulesKey(workspaceId), queryFn: () => callApi(api.list, { params: { id: workspaceId } }), enabled });
}

/** A saved rule changes the list and the audit trail: refresh what is under the workspace. */
function useInvalidate(workspaceId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: fimKeys.workspace(workspaceId) });
}

export function useCreateRule(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({ mutationFn: (body: TRuleCreateBody) => callApi(api.create, { params: { id: workspaceId }, body }), onSuccess });
}

export function useUpdateRule(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ ruleId, patch }: { ruleId: string; patch: TRulePatchBody }) =>
      callApi(api.update, { params: { id: workspaceId, ruleId }, body: patch }),
    onSuccess,
  });
}

export function useDeleteRule(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({ mutationFn: (ruleId: string) => callApi(api.delete, { params: { id: workspaceId, ruleId } }), onSuccess });
}

/** Preview changes nothing, so it invalidates nothing. */
export function usePreviewRule(workspaceId: string) {
  return useMutation({ mutationFn: (criteria: TRuleCriteria) => callApi(api.preview, { params: { id: workspaceId }, body: criteria }) });
}
