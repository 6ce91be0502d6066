import "server-only";
import { headers } from "next/headers";
import { getAuth } from "./auth";
import { unauthorized } from "./errors";

export type TCurrentUser = { id: string; email: string; name: string };

/** The signed-in user of this request, or null. */
export async function currentUser(reqHeaders?: Headers): Promise<TCurrentUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: reqHeaders ?? (await headers()) });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

export async function requireUser(reqHeaders?: Headers): Promise<TCurrentUser> {
  const user = await currentUser(reqHeaders);
  if (!user) throw unauthorized();
  return user;
}
