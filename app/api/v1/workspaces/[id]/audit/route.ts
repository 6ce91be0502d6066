import { API } from "@/lib/contracts/api";
import { handle } from "@/lib/server/route";
import { listAuditEvents } from "@/lib/server/workspaces/get-workspace";

export const GET = handle(API.workspaces.audit, async ({ db, user, params }) => ({ events: await listAuditEvents(db, user, params.id) }));
