"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TTokenCreateBody, TTokenCreated, TTokenList } from "@/lib/contracts/api-v1";
import { fetchJson } from "@/lib/client/fetch-json";

const tokenKeys = { all: ["tokens"] as const };

export function useTokens(initial?: TTokenList) {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => fetchJson<TTokenList>("/api/v1/tokens"), initialData: initial });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TTokenCreateBody) => fetchJson<TTokenCreated>("/api/v1/tokens", { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ id: string; revoked: true }>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
