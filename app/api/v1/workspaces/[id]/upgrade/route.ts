import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { upgradePlan } from "@/lib/server/workspaces/upgrade-plan";

export const POST = handle(API.workspaces.upgrade, ({ db, user, params }) => upgradePlan(db, user, params.id));
