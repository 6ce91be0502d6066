// Personal API tokens: list, create (the secret shown once), revoke.
import { z } from "zod";
import { hasControlCharacter, ZId } from "./common";
import { endpoint } from "./endpoint";

export const ZTokenParams = z.object({ id: ZId("token id") });

export const ZTokenCreateBody = z.object({
  name: z
    .string({ message: "Name the token, e.g. after the script or pipeline that uses it." })
    .trim()
    .min(1, "Name the token, e.g. after the script or pipeline that uses it.")
    .max(100, "The name is at most 100 characters.")
    .refine((v) => !hasControlCharacter(v), "The name contains a control character (such as NUL); remove it."),
  expiresInDays: z
    .number({ message: "Give the expiry in days, from 1 to 366, or leave it out for a token that does not expire." })
    .int("Give the expiry in whole days.")
    .min(1, "A token lives at least 1 day.")
    .max(366, "A token lives at most 366 days; create a new one when it expires.")
    .nullable()
    .optional()
    .meta({ description: "Days until the token expires (1 to 366). Null or left out: it does not expire." }),
});
export type TTokenCreateBody = z.infer<typeof ZTokenCreateBody>;

export const ZToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
});
export type TToken = z.infer<typeof ZToken>;

export const ZTokenList = z.object({ tokens: z.array(ZToken) });
export type TTokenList = z.infer<typeof ZTokenList>;

export const ZTokenCreated = ZToken.extend({
  token: z.string().meta({ description: "The secret, `vgl_…`. Shown this once: it is stored only as a hash." }),
});
export type TTokenCreated = z.infer<typeof ZTokenCreated>;

export const ZTokenRevoked = z.object({ id: z.string(), revoked: z.literal(true) });

const user = { kind: "user" } as const;

export const tokenEndpoints = {
  list: endpoint({
    operationId: "listTokens",
    method: "GET",
    path: "/api/v1/tokens",
    tag: "Tokens",
    summary: "List your API tokens",
    description: "Your personal API tokens, newest first, without their secrets. Only your own tokens.",
    access: user,
    response: ZTokenList,
    responseName: "TokenList",
    errors: [],
  }),
  create: endpoint({
    operationId: "createToken",
    method: "POST",
    path: "/api/v1/tokens",
    tag: "Tokens",
    summary: "Create an API token",
    description:
      "Creates a personal token that acts with your roles. The answer holds the secret (`token`) this once. A token created with a token never outlives the token that created it.",
    access: user,
    body: ZTokenCreateBody,
    bodyName: "TokenCreateBody",
    response: ZTokenCreated,
    responseName: "TokenCreated",
    status: 201,
    errors: [400, 422],
    noStore: true,
  }),
  revoke: endpoint({
    operationId: "revokeToken",
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    tag: "Tokens",
    summary: "Revoke an API token",
    description: "Revokes one of your tokens at once. Another user's token is not found (404).",
    access: user,
    params: ZTokenParams,
    response: ZTokenRevoked,
    responseName: "TokenRevoked",
    errors: [404, 422],
  }),
};
