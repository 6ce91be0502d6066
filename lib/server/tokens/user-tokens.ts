import "server-only";
import type { TToken, TTokenCreateBody, TTokenCreated } from "@/lib/contracts/tokens";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { TCurrentUser } from "../session";
import { bearerToken, hashToken, issueToken } from "../tokens/tokens";

// Personal API tokens: a user lists, creates and revokes their own. Agent tokens (machineId set) are another
// worker's business and never appear here.

const DAY_MS = 86_400_000;

type Row = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

function toToken(r: Row, now: Date): TToken {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    expired: !!r.expiresAt && r.expiresAt <= now,
  };
}

const SELECT = { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

export async function listUserTokens(db: Db, user: TCurrentUser, now = new Date()): Promise<TToken[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: user.id, machineId: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: SELECT,
  });
  return rows.map((r) => toToken(r, now));
}

/**
 * Creates a token of the user and returns its secret, the only time it is shown. A token created with a token
 * (not a signed-in session) cannot outlive the token that created it, so a short-lived token cannot mint a
 * permanent one.
 */
export async function createUserToken(
  db: Db,
  user: TCurrentUser,
  body: TTokenCreateBody,
  reqHeaders: Headers,
  now = new Date(),
): Promise<TTokenCreated> {
  let expiresAt = body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * DAY_MS) : null;
  const bearer = bearerToken(reqHeaders);
  if (bearer) {
    const parent = await db.apiToken.findUnique({ where: { tokenHash: hashToken(bearer) }, select: { expiresAt: true } });
    if (parent?.expiresAt && (!expiresAt || expiresAt > parent.expiresAt)) expiresAt = parent.expiresAt;
  }
  const { id, token } = await issueToken(db, { userId: user.id, name: body.name, expiresAt });
  const row = await db.apiToken.findUniqueOrThrow({ where: { id }, select: SELECT });
  return { ...toToken(row, now), token };
}

/** Revokes one of the user's own tokens; another user's token, or an agent token, is not found. */
export async function revokeUserToken(db: Db, user: TCurrentUser, tokenId: string): Promise<{ id: string; revoked: true }> {
  const { count } = await db.apiToken.deleteMany({ where: { id: tokenId, userId: user.id, machineId: null } });
  if (count === 0) throw notFound("The token");
  return { id: tokenId, revoked: true };
}
