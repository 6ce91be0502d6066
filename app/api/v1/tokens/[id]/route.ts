import { revokeUserToken } from "@/lib/server/api-v1/user-tokens";
import { route } from "@/lib/server/route";
import { ZTokenParams } from "@/lib/contracts/api-v1";

export const DELETE = route({ params: ZTokenParams }, ({ db, user, params }) => revokeUserToken(db, user, params.id));
