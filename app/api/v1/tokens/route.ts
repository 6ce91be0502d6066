import { createUserToken, listUserTokens } from "@/lib/server/api-v1/user-tokens";
import { json, route } from "@/lib/server/route";
import { ZTokenCreateBody, type TTokenList } from "@/lib/contracts/api-v1";

export const GET = route({}, async ({ db, user }): Promise<TTokenList> => ({ tokens: await listUserTokens(db, user) }));

export const POST = route({ body: ZTokenCreateBody }, async ({ req, db, user, body }) =>
  json(await createUserToken(db, user, body, req.headers), { status: 201, headers: { "cache-control": "no-store" } }),
);
