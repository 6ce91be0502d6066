import { agentMachine, ingestScans, readCappedJson } from "@/lib/server/agents/ingest";
import { route } from "@/lib/server/route";

/**
 * One or more scan reports of the agent token's machine, each diffed and committed by the one write path.
 * The body is read here, not by the wrapper: it is capped (413) before it is parsed.
 */
export const POST = route({ auth: "agent" }, async ({ db, agent, user, req }) => {
  const machine = await agentMachine(db, agent!, user);
  return ingestScans(db, machine, await readCappedJson(req));
});
