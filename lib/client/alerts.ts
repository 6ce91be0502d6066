"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { alertEndpoints as api, type TAlertQuery, type TAlertRuleCreateBody, type TAlertRulePatchBody } from "@/lib/contracts/alerts";
import { destinationEndpoints as dest, type TDestinationCreateBody, type TDestinationPatchBody } from "@/lib/contracts/destinations";
import type { AlertStatus } from "@/lib/domain/alerts";
import { callApi } from "./api";
import { fimKeys } from "./workspaces";

export const alertKeys = {
  all: [...fimKeys.all, "alerts"] as const,
  list: (workspaceId: string | null, q: TAlertQuery) => [...alertKeys.all, workspaceId ?? "*", q] as const,
  one: (workspaceId: string, alertId: string) => [...alertKeys.all, workspaceId, "alert", alertId] as const,
  rules: (workspaceId: string) => [...fimKeys.workspace(workspaceId), "alert-rules"] as const,
  destinations: (workspaceId: string) => [...fimKeys.workspace(workspaceId), "destinations"] as const,
  log: (workspaceId: string, destinationId: string) => [...alertKeys.destinations(workspaceId), destinationId, "log"] as const,
};

/** A workspace's alerts, or (workspaceId null) every workspace's; refreshed every 15 s, as alerts arrive on their own. */
export function useAlerts(workspaceId: string | null, q: TAlertQuery) {
  return useQuery({
    queryKey: alertKeys.list(workspaceId, q),
    queryFn: () => (workspaceId ? callApi(api.list, { params: { id: workspaceId }, query: q }) : callApi(api.listAll, { query: q })),
    refetchInterval: 15_000,
    placeholderData: (previous) => previous,
  });
}

/** The shell's badge: Active alerts across the user's workspaces. */
export function useActiveAlertCount() {
  const q = useQuery({
    queryKey: alertKeys.list(null, { status: "Active", limit: 1 }),
    queryFn: () => callApi(api.listAll, { query: { status: "Active", limit: 1 } }),
    refetchInterval: 15_000,
  });
  return q.data?.active ?? 0;
}

export function useAlert(workspaceId: string, alertId: string | null) {
  return useQuery({
    queryKey: alertKeys.one(workspaceId, alertId ?? ""),
    queryFn: () => callApi(api.get, { params: { id: workspaceId, alertId: alertId! } }),
    enabled: alertId !== null,
  });
}

function useInvalidate(workspaceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: alertKeys.all }), qc.invalidateQueries({ queryKey: fimKeys.workspace(workspaceId) })]);
}

export function useSetAlertStatus(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ alertId, status }: { alertId: string; status: AlertStatus }) =>
      callApi(api.setStatus, { params: { id: workspaceId, alertId }, body: { status } }),
    onSuccess,
  });
}

export function useAlertRules(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: alertKeys.rules(workspaceId),
    queryFn: () => callApi(api.listRules, { params: { id: workspaceId } }),
    enabled,
  });
}

export function useCreateAlertRule(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: TAlertRuleCreateBody) => callApi(api.createRule, { params: { id: workspaceId }, body }),
    onSuccess,
  });
}

export function useUpdateAlertRule(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ ruleId, patch }: { ruleId: string; patch: TAlertRulePatchBody }) =>
      callApi(api.updateRule, { params: { id: workspaceId, ruleId }, body: patch }),
    onSuccess,
  });
}

export function useDeleteAlertRule(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({ mutationFn: (ruleId: string) => callApi(api.deleteRule, { params: { id: workspaceId, ruleId } }), onSuccess });
}

export function useDestinations(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: alertKeys.destinations(workspaceId),
    queryFn: () => callApi(dest.listDestinations, { params: { id: workspaceId } }),
    enabled,
  });
}

export function useCreateDestination(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: TDestinationCreateBody) => callApi(dest.createDestination, { params: { id: workspaceId }, body }),
    onSuccess,
  });
}

export function useUpdateDestination(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ destinationId, patch }: { destinationId: string; patch: TDestinationPatchBody }) =>
      callApi(dest.updateDestination, { params: { id: workspaceId, destinationId }, body: patch }),
    onSuccess,
  });
}

export function useDeleteDestination(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (destinationId: string) => callApi(dest.deleteDestination, { params: { id: workspaceId, destinationId } }),
    onSuccess,
  });
}

/** A test send writes to the delivery log: refresh the destinations (and their logs). */
export function useTestDestination(workspaceId: string) {
  const onSuccess = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (destinationId: string) => callApi(dest.testDestination, { params: { id: workspaceId, destinationId } }),
    onSuccess,
  });
}

export function useDeliveryLog(workspaceId: string, destinationId: string | null) {
  return useQuery({
    queryKey: alertKeys.log(workspaceId, destinationId ?? ""),
    queryFn: () => callApi(dest.deliveryLog, { params: { id: workspaceId, destinationId: destinationId! } }),
    enabled: destinationId !== null,
  });
}
