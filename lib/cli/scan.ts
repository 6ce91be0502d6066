// `npm run scan -- --once`: one collection pass over every machine of FIM-enabled workspaces, with a progress
// bar and a summary. Without --once it scans only what is due.
import cliProgress from "cli-progress";
import { localAgent } from "@/lib/scanner/agents/local";
import { simulatedAgent } from "@/lib/scanner/agents/simulated";
import { collectDue, dueJobs, type Agents } from "@/lib/scanner/collector";
import { getDb } from "@/lib/server/db";

const force = process.argv.includes("--once") || process.argv.includes("--all");
const db = await getDb();
const agents: Agents = { SIMULATED: simulatedAgent, LOCAL: localAgent({ forceRehash: process.argv.includes("--rehash") }) };
const total = (await dueJobs(db, agents, { force })).length;

const bar = new cliProgress.SingleBar(
  { format: "scanning [{bar}] {value}/{total} scans | {machine}", hideCursor: true, stream: process.stderr },
  cliProgress.Presets.shades_classic,
);
bar.start(total, 0, { machine: "" });
const failures: string[] = [];
const t0 = Date.now();
let baselined = 0;
const result = await collectDue(db, agents, {
  force,
  onScan: (e) => {
    bar.increment(1, { machine: `${e.machine} ${e.changeType}` });
    if (e.error) failures.push(`${e.machine} ${e.changeType}: ${e.error}`);
    baselined += e.result?.baselined ?? 0;
  },
});
bar.stop();
console.log(
  JSON.stringify({
    msg: "scan summary",
    scans: result.scans,
    changes: result.changes,
    baselinedItems: baselined,
    failed: result.failed,
    ms: Date.now() - t0,
  }),
);
for (const f of failures) console.error(JSON.stringify({ level: "warn", msg: "scan failed", detail: f }));
await db.$disconnect();
process.exit(result.failed ? 1 : 0);
