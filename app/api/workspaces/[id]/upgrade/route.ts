import { route } from "@/lib/server/route";
import { upgradePlan } from "@/lib/server/workspaces/upgrade-plan";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";

export const POST = route({ params: ZWorkspaceParams }, ({ db, user, params }) => upgradePlan(db, user, params.id));
