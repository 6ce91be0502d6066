import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { createUserToken, listUserTokens } from "@/lib/server/tokens/user-tokens";

export const GET = handle(API.tokens.list, async ({ db, user }) => ({ tokens: await listUserTokens(db, user) }));

export const POST = handle(API.tokens.create, ({ req, db, user, body }) => createUserToken(db, user, body, req.headers));
