import { API } from "@/lib/contracts/api";
import { parseAgentScansFast } from "@/lib/contracts/agent-scans-fast";
import { agentMachine, assertEntryCount, ingestScans } from "@/lib/server/agents/ingest";
import { handle } from "@/lib/server/route";

/** One or more scan reports of the agent token's machine, each diffed and committed by the one write path. */
export const POST = handle(
  API.agent.scans,
  async ({ db, agent, body }) => ingestScans(db, agentMachine(agent), body),
  // Counted before the schema parses 100,000 entries: too many is a 413, not a long 422. The common body is parsed
  // by a hand-written check that answers what the schema answers (the schema judges the rest).
  { beforeParse: assertEntryCount, fastParse: (raw) => parseAgentScansFast(raw) },
);
