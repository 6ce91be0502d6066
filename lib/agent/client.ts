// HTTP to the Vigil server with retries: network errors, 5xx and 429 are retried with exponential backoff (or the
// server's Retry-After); a request that carries a scan is resent as is, so its scan id keeps it from counting twice.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  sleep?: (ms: number) => Promise<void>;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };

const retryable = (status: number) => status >= 500 || status === 429 || status === 408;

function retryAfterMs(res: Response): number | null {
  const v = res.headers.get("retry-after");
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

export class VigilClient {
  constructor(
    readonly server: string,
    private token: string,
    private retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.server = server.replace(/\/+$/, "");
  }

  withToken(token: string): VigilClient {
    return new VigilClient(this.server, token, this.retry);
  }

  async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      let wait: number | null = null;
      try {
        const res = await fetch(`${this.server}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: "application/json",
            ...(payload ? { "content-type": "application/json" } : {}),
          },
          body: payload,
        });
        const text = await res.text();
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        if (res.ok) return json as T;
        const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
        const message = err?.message ?? `HTTP ${res.status} ${text.slice(0, 200)}`;
        if (!retryable(res.status)) throw new ApiError(res.status, message, err?.code);
        reason = `${res.status} ${message}`;
        wait = retryAfterMs(res);
      } catch (e) {
        if (e instanceof ApiError) throw e;
        reason = `network: ${(e as Error).message}${(e as { cause?: { code?: string } }).cause?.code ? ` (${(e as { cause: { code: string } }).cause.code})` : ""}`;
      }
      if (attempt >= this.retry.attempts) throw new ApiError(0, `gave up after ${attempt} attempts: ${reason}`);
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = wait ?? backoff * (0.5 + Math.random() / 2);
      this.retry.onRetry?.({ attempt, delayMs, reason });
      await sleep(delayMs);
    }
  }
}
