import { getChangeDetails } from "@/lib/server/changes/change-details";
import { route } from "@/lib/server/route";
import { ZChangeParams } from "@/lib/contracts/changes";

export const GET = route({ params: ZChangeParams }, ({ db, user, params }) => getChangeDetails(db, user, params.id, params.changeId));
