import type { FieldIssue, TErrorBody } from "@/lib/contracts/errors";

/** An error answered by our API, with the server's message (already written for users). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    readonly requestId?: string,
    /** On a Logs query the server cannot run: where in the query text the wrong or unsupported part is. */
    readonly position?: { line: number; column: number; offset: number; length: number },
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const res = await fetch(url, {
    ...rest,
    headers: { accept: "application/json", ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.ok) return (await res.json()) as T;
  if (res.status === 401 && typeof window !== "undefined") {
    // A full load (not a client navigation): the expired session's cached data must go with it.
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(new URL(`/sign-in?next=${next}`, window.location.origin).href);
  }
  const body = (await res.json().catch(() => null)) as TErrorBody | null;
  throw new ApiError(
    res.status,
    body?.error.code ?? "internal",
    body?.error.message ?? `The server answered ${res.status}.`,
    body?.error.fields,
    body?.error.requestId,
    body?.error.position,
  );
}
