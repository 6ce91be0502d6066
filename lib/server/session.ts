import "server-only";
import { headers } from "next/headers";
import { getAuth } from "./auth";
import { getDb } from "./db";
import { AppError, unauthorized } from "./errors";
import { consumeTokenRequest } from "./tokens/rate-limit";
import { bearerToken, resolveToken } from "./tokens/tokens";

export type TCurrentUser = { id: string; email: string; name: string };

/** What an agent token proves: it may post scans of this one machine, on behalf of the user who created it. */
export type TAgentIdentity = { tokenId: string; machineId: string; userId: string };

const invalidToken = () => new AppError("unauthorized", "The API token is not valid, was revoked or has expired.");

/** The signed-in user of this request (session cookie, or a user API token as `Authorization: Bearer`), or null. */
export async function currentUser(reqHeaders?: Headers): Promise<TCurrentUser | null> {
  const h = reqHeaders ?? (await headers());
  const bearer = bearerToken(h);
  if (bearer) return userFromToken(bearer);
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: h });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

export async function requireUser(reqHeaders?: Headers): Promise<TCurrentUser> {
  const user = await currentUser(reqHeaders);
  if (!user) throw unauthorized();
  return user;
}

/** A user token acts with its user's roles; a wrong token is refused outright rather than read as "signed out". */
async function userFromToken(bearer: string): Promise<TCurrentUser> {
  const db = await getDb();
  const token = await resolveToken(db, bearer);
  if (!token) throw invalidToken();
  if (token.kind === "agent") throw new AppError("forbidden", "This is an agent token: it can only post its own machine's scans.");
  await consumeTokenRequest(token.id, "user");
  const user = await db.user.findUnique({ where: { id: token.userId }, select: { id: true, email: true, name: true } });
  if (!user) throw invalidToken();
  return user;
}

/** The agent behind an agent token (`Authorization: Bearer`); user sessions and user tokens are refused. */
export async function requireAgent(reqHeaders: Headers): Promise<TAgentIdentity> {
  const bearer = bearerToken(reqHeaders);
  if (!bearer) throw new AppError("unauthorized", "Send the machine's agent token as `Authorization: Bearer <token>`.");
  const token = await resolveToken(await getDb(), bearer);
  if (!token) throw invalidToken();
  if (token.kind !== "agent" || !token.machineId) throw new AppError("forbidden", "This endpoint takes an agent token, not a user token.");
  await consumeTokenRequest(token.id, "agent");
  return { tokenId: token.id, machineId: token.machineId, userId: token.userId };
}
