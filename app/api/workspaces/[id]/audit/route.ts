import { route } from "@/lib/server/route";
import { listAuditEvents } from "@/lib/server/workspaces/get-workspace";
import { ZWorkspaceParams } from "@/lib/contracts/workspaces";

export const GET = route({ params: ZWorkspaceParams }, async ({ db, user, params }) => ({
  events: await listAuditEvents(db, user, params.id),
}));
