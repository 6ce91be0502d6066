import { getChangeDetails } from "@/lib/server/changes/change-details";
import { route } from "@/lib/server/route";
import { ZChangeParams } from "@/app/api/workspaces/[id]/changes/schema";

export const GET = route({ params: ZChangeParams }, ({ db, user, params }) => getChangeDetails(db, user, params.id, params.changeId));
