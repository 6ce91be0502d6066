import type { z } from "zod";
import type { AnyEndpoint, In } from "@/lib/contracts/endpoint";
import { fetchJson } from "./fetch-json";

type QueryValue = string | number | boolean | null | undefined;

export type CallInput<E extends AnyEndpoint> = {
  params?: In<E["params"]>;
  query?: In<E["query"]> | Record<string, QueryValue>;
  body?: In<E["body"]>;
};

/** The endpoint's path with its `{param}` segments filled in, each percent-encoded. */
export function apiPath(ep: AnyEndpoint, params: Record<string, string> = {}): string {
  return ep.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${ep.operationId} needs the ${name} parameter.`);
    return encodeURIComponent(value);
  });
}

/** A query string of the values that are set; empty, null and undefined values are left out. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== null && v !== undefined && v !== "") out.set(k, String(v));
  const text = out.toString();
  return text ? `?${text}` : "";
}

/** Calls an endpoint of /api/v1 as it is declared in lib/contracts: its method, path and types. */
export function callApi<E extends AnyEndpoint>(ep: E, input: CallInput<E> = {}): Promise<z.output<E["response"]>> {
  const url = apiPath(ep, input.params as Record<string, string> | undefined) + queryString(input.query as Record<string, QueryValue>);
  const sendsBody = ep.method !== "GET";
  return fetchJson<z.output<E["response"]>>(url, { method: ep.method, ...(sendsBody ? { json: input.body ?? {} } : {}) });
}

/**
 * The address of a download (a CSV or PDF endpoint) with its query: a link the browser follows and saves, streaming
 * the file to disk as the server writes it rather than holding it in the page.
 */
export function downloadHref<E extends AnyEndpoint>(ep: E, input: Omit<CallInput<E>, "body"> = {}): string {
  if (!ep.download) throw new Error(`${ep.operationId} is not a download.`);
  return apiPath(ep, input.params as Record<string, string> | undefined) + queryString(input.query as Record<string, QueryValue>);
}
