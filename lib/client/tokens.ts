"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TTokenCreateBody, TTokenList } from "@/lib/contracts/tokens";
import { tokenEndpoints as api } from "@/lib/contracts/tokens";
import { callApi } from "./api";

export const tokenKeys = { all: ["tokens"] as const };

export function useTokens(initial?: TTokenList) {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => callApi(api.list), initialData: initial });
}

function useInvalidateTokens() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: tokenKeys.all });
}

export function useCreateToken() {
  const onSuccess = useInvalidateTokens();
  return useMutation({ mutationFn: (body: TTokenCreateBody) => callApi(api.create, { body }), onSuccess });
}

export function useRevokeToken() {
  const onSuccess = useInvalidateTokens();
  return useMutation({ mutationFn: (id: string) => callApi(api.revoke, { params: { id } }), onSuccess });
}
