import { registerAgent } from "@/lib/server/agents/register";
import { route } from "@/lib/server/route";
import { ZAgentRegisterBody } from "@/lib/contracts/agent";

/** A Contributor or Owner (user token or session) registers the host of an agent; answers its agent token once. */
export const POST = route({ body: ZAgentRegisterBody }, async ({ db, user, body }) =>
  Response.json(await registerAgent(db, user, body), { status: 201 }),
);
