// `npm run agent -- --server URL --token TOKEN [--workspace NAME|ID] [--once] [--interval S] [--state FILE]
//                   [--hostname NAME] [--workers N]`
// The remote agent: the first run registers this host with a user token (Contributor or Owner of the workspace)
// and saves the agent token in the state file (default ./data/agent-state.json, mode 0600); every pass then
// fetches the configuration, scans the tracked Linux files and posts the inventory. --once runs one pass.
import path from "node:path";
import { RemoteAgent } from "@/lib/agent/agent";
import { ApiError } from "@/lib/agent/client";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (line: string) => process.stderr.write(`[agent] ${line}\n`);

const server = option("server") ?? process.env.VIGIL_SERVER;
if (!server) {
  log("usage: npm run agent -- --server URL --token TOKEN [--workspace NAME] [--once] [--interval S] [--state FILE]");
  process.exit(2);
}
const interval = option("interval") ? Number(option("interval")) : undefined;
if (interval !== undefined && !(interval >= 1)) {
  log("--interval is a number of seconds, 1 or more");
  process.exit(2);
}
const agent = new RemoteAgent({
  server,
  token: option("token") ?? process.env.VIGIL_TOKEN,
  workspace: option("workspace"),
  hostname: option("hostname"),
  stateFile: path.resolve(option("state") ?? "data/agent-state.json"),
  workers: option("workers") ? Number(option("workers")) : undefined,
  log,
});

let stopping = false;
let wake: (() => void) | null = null;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) process.exit(130);
    stopping = true;
    log("stopping after this pass (again to quit now)");
    wake?.();
  });
}

/** Errors that another pass cannot fix: the token, the rights or the request itself. */
const fatal = (e: unknown) => e instanceof ApiError && [401, 403, 404, 409].includes(e.status);

let failed = false;
do {
  try {
    await agent.runPass();
    failed = false;
  } catch (e) {
    failed = true;
    log(`pass failed: ${(e as Error).message}`);
    if (fatal(e) || !(e instanceof ApiError)) {
      if (e instanceof ApiError && e.status === 401)
        log(`the agent token was refused: delete ${agent.store.file} and register again with a user token`);
      process.exit(1);
    }
  }
  if (flag("once") || stopping) break;
  const seconds = await agent.intervalSec(interval).catch(() => interval ?? 60);
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, seconds * 1000);
  });
} while (!stopping);
process.exit(failed ? 1 : 0);
