import { API } from "@/lib/contracts/api";
import { agentConfig, agentMachine } from "@/lib/server/agents/ingest";
import { handle } from "@/lib/server/route";

/** The agent token's machine: FIM state, configuration version and the enabled entities it scans. */
export const GET = handle(API.agent.config, async ({ db, agent }) => agentConfig(db, agentMachine(agent)));
