import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { revokeUserToken } from "@/lib/server/tokens/user-tokens";

export const DELETE = handle(API.tokens.revoke, ({ db, user, params }) => revokeUserToken(db, user, params.id));
