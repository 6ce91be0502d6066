import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const WINDOW_SECONDS = 15 * 60;

const accountMax = () => {
  const v = Number(process.env.VIGIL_SIGNIN_ACCOUNT_MAX);
  return Number.isInteger(v) && v > 0 ? v : 5;
};

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];
const isEmailSignIn = (ctx: { path?: string }) => ctx.path === "/sign-in/email";

/**
 * Failed sign-ins per (account, client): after VIGIL_SIGNIN_ACCOUNT_MAX (5) failures in 15 minutes, that client
 * may not try that account again until the window has passed; a success clears the count. Keyed by the pair, not
 * by the account alone, so nobody can lock a user out: a guesser only spends their own address's budget, and the
 * user signs in from theirs. (Guesses spread over many addresses are bounded by each address's budget and by the
 * per-client limit of all sign-ins; see README, Security.) Kept per web instance, like every Vigil limit.
 */
export function accountSignInLimit(): BetterAuthPlugin {
  const limiter = new RateLimiterMemory({ points: accountMax(), duration: WINDOW_SECONDS });
  const keyOf = (ctx: HookContext): string | null => {
    const email: unknown = ctx.body?.email;
    if (typeof email !== "string" || !email.trim()) return null;
    const source = ctx.request ?? ctx.headers;
    const client = source ? getIP(source, ctx.context.options) : null;
    return `${email.trim().toLowerCase()}|${client ?? "unknown"}`;
  };

  return {
    id: "vigil-account-sign-in-limit",
    hooks: {
      // Every attempt is counted before the password is checked, so parallel guesses cannot slip past the limit.
      before: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const key = keyOf(ctx);
            if (!key || process.env.VIGIL_DISABLE_RATE_LIMIT === "1") return;
            try {
              await limiter.consume(key);
            } catch (res) {
              if (!(res instanceof RateLimiterRes)) throw res;
              const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
              const minutes = Math.ceil(seconds / 60);
              throw new APIError(
                "TOO_MANY_REQUESTS",
                {
                  code: "TOO_MANY_FAILED_SIGN_INS",
                  message: `Too many failed sign-ins to this account from your address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
                },
                { "Retry-After": String(seconds) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const key = keyOf(ctx);
            if (key && !isAPIError(ctx.context.returned)) await limiter.delete(key);
          }),
        },
      ],
    },
  };
}
