"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { changeEndpoints } from "@/lib/contracts/changes";
import { exportEndpoints } from "@/lib/contracts/exports";
import { machineEndpoints } from "@/lib/contracts/machines";
import { reviewEndpoints, type TBulkReviewBody, type TReviewBody } from "@/lib/contracts/reviews";
import { summaryEndpoints } from "@/lib/contracts/summary";
import { periodParams, type DashboardPeriod } from "@/lib/domain/dashboard-period";
import { callApi, downloadHref } from "./api";
import { fimKeys } from "./workspaces";

type Params = Record<string, string | number | null | undefined>;

/** Query keys of the dashboard, under the workspace's so that the toolbar's Refresh reloads them all. */
export const dashboardKeys = {
  all: (id: string) => fimKeys.dashboard(id),
  summary: (id: string, p: Params) => [...fimKeys.dashboard(id), "summary", p] as const,
  servers: (id: string, p: Params) => [...fimKeys.dashboard(id), "servers", p] as const,
  machine: (id: string, machineId: string, p: Params) => [...fimKeys.dashboard(id), "machine", machineId, p] as const,
  machineInfo: (id: string, machineId: string, p: Params) => [...fimKeys.dashboard(id), "machine-info", machineId, p] as const,
  changes: (id: string, p: Params) => [...fimKeys.dashboard(id), "changes", p] as const,
  change: (id: string, changeId: string) => [...fimKeys.dashboard(id), "change", changeId] as const,
};

// Lists keep showing the previous answer while the next one loads: the page does not jump at each filter change.

export function useSummary(id: string, period: DashboardPeriod) {
  const p = periodParams(period);
  return useQuery({
    queryKey: dashboardKeys.summary(id, p),
    queryFn: () => callApi(summaryEndpoints.get, { params: { id }, query: p }),
    placeholderData: keepPreviousData,
  });
}

export type ServersParams = { sort: string; dir: string; page: number; q: string };

export function useServers(id: string, period: DashboardPeriod, s: ServersParams) {
  const p = { ...periodParams(period), sort: s.sort, dir: s.dir, page: s.page, q: s.q };
  return useQuery({
    queryKey: dashboardKeys.servers(id, p),
    queryFn: () => callApi(machineEndpoints.list, { params: { id }, query: p }),
    placeholderData: keepPreviousData,
  });
}

/** One machine: its state and, when it reports with errors, which entities fail and why. */
export function useMachine(id: string, machineId: string | null, period: DashboardPeriod) {
  const p = periodParams(period);
  return useQuery({
    queryKey: dashboardKeys.machineInfo(id, machineId ?? "", p),
    queryFn: () => callApi(machineEndpoints.get, { params: { id, machineId: machineId ?? "" }, query: p }),
    enabled: machineId !== null,
  });
}

export function useMachineChanges(id: string, machineId: string | null, period: DashboardPeriod, cursor: string | null) {
  const p = { ...periodParams(period), cursor };
  return useQuery({
    queryKey: dashboardKeys.machine(id, machineId ?? "", p),
    queryFn: () => callApi(machineEndpoints.changes, { params: { id, machineId: machineId ?? "" }, query: p }),
    enabled: machineId !== null,
    placeholderData: keepPreviousData,
  });
}

export type ChangesParams = {
  changeType: string | null;
  category: string | null;
  reviewState: string | null;
  attribution: string | null;
  q: string;
  sort: string;
  dir: string;
  cursor: string | null;
};

/** The Changes tab's query, also fetched directly when Enter in the search box opens the first result. */
export function changesQuery(id: string, period: DashboardPeriod, c: ChangesParams) {
  const p = { ...periodParams(period), ...c };
  return { queryKey: dashboardKeys.changes(id, p), queryFn: () => callApi(changeEndpoints.list, { params: { id }, query: p }) };
}

export function useChanges(id: string, period: DashboardPeriod, c: ChangesParams) {
  return useQuery({ ...changesQuery(id, period, c), placeholderData: keepPreviousData });
}

export function useChangeDetails(id: string, changeId: string | null) {
  return useQuery({
    queryKey: dashboardKeys.change(id, changeId ?? ""),
    queryFn: () => callApi(changeEndpoints.get, { params: { id, changeId: changeId ?? "" } }),
    enabled: changeId !== null,
    staleTime: 5 * 60_000,
  });
}

/** The Changes tab's filter without sort and page: what a bulk review applies to. */
export type ChangeFilterParams = {
  changeType: string | null;
  category: string | null;
  reviewState: string | null;
  attribution: string | null;
  q: string;
};

/** A review changes the lists, the counts and the change's details: refresh the whole dashboard. */
function useInvalidateDashboard(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: dashboardKeys.all(id) });
}

export function useReviewChange(id: string, changeId: string) {
  const onSuccess = useInvalidateDashboard(id);
  return useMutation({
    mutationFn: (body: TReviewBody) => callApi(reviewEndpoints.set, { params: { id, changeId }, body }),
    onSuccess,
  });
}

/** Counts (dryRun) or reviews every change of the filter; only a real review refreshes the dashboard. */
export function useBulkReview(id: string, period: DashboardPeriod, filter: ChangeFilterParams) {
  const invalidate = useInvalidateDashboard(id);
  return useMutation({
    mutationFn: (body: TBulkReviewBody) =>
      callApi(reviewEndpoints.bulk, { params: { id }, query: { ...periodParams(period), ...filter }, body }),
    onSuccess: (result) => (result.dryRun ? undefined : invalidate()),
  });
}

/** The Servers tab as CSV: its period, search and sort (every page). */
export const machinesCsvHref = (id: string, period: DashboardPeriod, s: Omit<ServersParams, "page">) =>
  downloadHref(exportEndpoints.machines, { params: { id }, query: { ...periodParams(period), sort: s.sort, dir: s.dir, q: s.q } });

/** The Changes tab as CSV: exactly its period and filter (every page, newest first). */
export const changesCsvHref = (id: string, period: DashboardPeriod, filter: ChangeFilterParams) =>
  downloadHref(exportEndpoints.changes, { params: { id }, query: { ...periodParams(period), ...filter } });

/** The dashboard's PDF report of the period. */
export const reportHref = (id: string, period: DashboardPeriod) =>
  downloadHref(exportEndpoints.report, { params: { id }, query: periodParams(period) });
