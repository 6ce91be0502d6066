import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";
import type { TTokenKind } from "./tokens";

// Requests a minute per token, per web instance (N instances allow N times this; see README, Scaling).
// Sign-in has its own limit in better-auth (VIGIL_SIGNIN_RATE_MAX).
const perMinute = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const globalForLimits = globalThis as unknown as { vigilTokenLimits?: Record<TTokenKind, RateLimiterMemory> };

function limiters(): Record<TTokenKind, RateLimiterMemory> {
  globalForLimits.vigilTokenLimits ??= {
    user: new RateLimiterMemory({ points: perMinute("VIGIL_TOKEN_RATE_MAX", 600), duration: 60 }),
    // An agent posts a few scans a minute; the default leaves room for a burst after it was offline.
    agent: new RateLimiterMemory({ points: perMinute("VIGIL_AGENT_RATE_MAX", 1200), duration: 60 }),
  };
  return globalForLimits.vigilTokenLimits;
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many requests with this token. Try again in ${retryAfterSeconds} s.`);
  }
}

/** Counts one request of a token; throws rate_limited (429, with Retry-After) past the limit. */
export async function consumeTokenRequest(tokenId: string, kind: TTokenKind): Promise<void> {
  if (process.env.VIGIL_DISABLE_RATE_LIMIT === "1") return;
  try {
    await limiters()[kind].consume(tokenId);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    throw res;
  }
}
