"use client";

import { useQuery } from "@tanstack/react-query";
import type { TWorkspaceList } from "@/lib/contracts/workspaces";
import { fetchJson } from "@/lib/client/fetch-json";

/** Query keys of the FIM feature; invalidate a prefix to refresh everything under it. */
export const fimKeys = {
  all: ["fim"] as const,
  workspaces: () => [...fimKeys.all, "workspaces"] as const,
  workspace: (id: string) => [...fimKeys.all, "workspace", id] as const,
  entities: (id: string) => [...fimKeys.workspace(id), "entities"] as const,
  dashboard: (id: string) => [...fimKeys.workspace(id), "dashboard"] as const,
};

export function useWorkspaces(initial?: TWorkspaceList) {
  return useQuery({
    queryKey: fimKeys.workspaces(),
    queryFn: () => fetchJson<TWorkspaceList>("/api/workspaces"),
    initialData: initial,
  });
}
