import { API } from "@/lib/contracts/api";
import { registerAgent } from "@/lib/server/agents/register";
import { handle } from "@/lib/server/route";

/** A Contributor or Owner (user token or session) registers the host of an agent; answers its agent token once. */
export const POST = handle(API.agent.register, ({ db, user, body }) => registerAgent(db, user, body));
