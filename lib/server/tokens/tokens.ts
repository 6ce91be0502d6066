import "server-only";
import crypto from "node:crypto";
import type { Db } from "../db";
import { sql } from "../changes/sql";
import { writeUnlessBusy } from "../tx";

// API tokens: a random secret shown once, stored as its SHA-256 (a leaked database holds no usable token).
// A user token acts as its user, with the user's roles. An agent token (machineId set) only posts its machine's scans.

export const TOKEN_PREFIX = "vgl_";

export type TTokenKind = "user" | "agent";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export function newTokenSecret(): string {
  return TOKEN_PREFIX + crypto.randomBytes(24).toString("base64url");
}

/** Creates a token and returns its secret: the only time the secret exists outside the caller. */
export async function issueToken(
  db: Db,
  input: { userId: string; name: string; machineId?: string | null; expiresAt?: Date | null },
): Promise<{ id: string; token: string }> {
  const token = newTokenSecret();
  const row = await db.apiToken.create({
    data: {
      userId: input.userId,
      name: input.name,
      machineId: input.machineId ?? null,
      expiresAt: input.expiresAt ?? null,
      tokenHash: hashToken(token),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

/** The bearer token of a request (`Authorization: Bearer vgl_…`), or null when there is none. */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : null;
}

// lastUsedAt is a hint for the token list, not an audit trail: written at most once a minute per token, so that an
// agent posting scans does not add a write to every request, and on SQLite only when the write lock is free (a
// request never waits for it; the token's next request tries again).
const LAST_USED_EVERY_MS = 60_000;

/** Notes that a token was used, at most once a minute (see LAST_USED_EVERY_MS). */
export async function touchLastUsed(db: Db, tokenId: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await writeUnlessBusy(db, sql`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE "id" = ${tokenId}`).catch(() => false);
  }
}
