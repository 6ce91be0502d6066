import "server-only";
import { headers } from "next/headers";
import { getAuth } from "./auth";
import { getDb } from "./db";
import { AppError, unauthorized } from "./errors";
import { consumeTokenRequest } from "./tokens/rate-limit";
import { authenticateToken, type TAgentMachineFacts } from "./tokens/authenticate-token";
import { bearerToken } from "./tokens/tokens";

export type TCurrentUser = { id: string; email: string; name: string };

/**
 * What an agent token proves: it may post scans of this one machine, on behalf of the user who created it (with the
 * machine and that user's roles as this request found them).
 */
export type TAgentIdentity = { tokenId: string; user: TCurrentUser; machine: TAgentMachineFacts };

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
  const auth = await authenticateToken(await getDb(), bearer);
  if (!auth) throw invalidToken();
  if (auth.machine) throw new AppError("forbidden", "This is an agent token: it can only post its own machine's scans.");
  await consumeTokenRequest(auth.tokenId, "user");
  return auth.user;
}

/** The agent behind an agent token (`Authorization: Bearer`); user sessions and user tokens are refused. */
export async function requireAgent(reqHeaders: Headers): Promise<TAgentIdentity> {
  const bearer = bearerToken(reqHeaders);
  if (!bearer) throw new AppError("unauthorized", "Send the machine's agent token as `Authorization: Bearer <token>`.");
  const auth = await authenticateToken(await getDb(), bearer);
  if (!auth) throw invalidToken();
  if (!auth.machine) throw new AppError("forbidden", "This endpoint takes an agent token, not a user token.");
  await consumeTokenRequest(auth.tokenId, "agent");
  return { tokenId: auth.tokenId, user: auth.user, machine: auth.machine };
}
