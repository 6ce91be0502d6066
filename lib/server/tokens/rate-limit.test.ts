import { describe, expect, it, vi } from "vitest";

describe("the per-token rate limit", () => {
  it("answers rate_limited with a retry delay past the limit, per token", async () => {
    vi.stubEnv("VIGIL_TOKEN_RATE_MAX", "3");
    const { consumeTokenRequest, RateLimitedError } = await import("./rate-limit");
    for (let i = 0; i < 3; i++) await consumeTokenRequest("t1", "user");
    const err = await consumeTokenRequest("t1", "user").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as InstanceType<typeof RateLimitedError>).status).toBe(429);
    expect((err as InstanceType<typeof RateLimitedError>).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await expect(consumeTokenRequest("t2", "user")).resolves.toBeUndefined();
  });
});
