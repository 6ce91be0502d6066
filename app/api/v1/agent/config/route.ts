import { agentConfig, agentMachine } from "@/lib/server/agents/ingest";
import { route } from "@/lib/server/route";

/** The agent token's machine: FIM state, configuration version and the enabled entities it scans. */
export const GET = route({ auth: "agent" }, async ({ db, agent, user }) => agentConfig(db, await agentMachine(db, agent!, user)));
