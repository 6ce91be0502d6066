// `node --import tsx lib/cli/cpu-profile-top.ts DIR|FILE.cpuprofile [--top 25]`: where a V8 CPU profile spent its
// time: self time by function and by package, and the inclusive time of the request's main steps.
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const arg = process.argv[2];
const topN = Number(process.argv[process.argv.indexOf("--top") + 1]) || 25;
const files = fs.statSync(arg).isDirectory()
  ? fs
      .readdirSync(arg)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(arg, f))
  : [arg];

/** The package or area a frame belongs to. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith("node:")) return url;
  const chunk = /\.next[^/]*\/server\/(.*)/.exec(url);
  if (chunk) return `next chunk ${chunk[1].slice(0, 60)}`;
  return url.replace(process.cwd() + "/", "");
}

for (const file of files) {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);
  const idleMs = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, ms]) => a + ms, 0);
  const busy = totalMs - idleMs;
  console.log(`\n${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy`);

  const fnSelf = new Map<string, number>();
  const areaSelf = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)") continue;
    const key = `${n.callFrame.functionName || "(anonymous)"} ${area(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + ms);
    const a = area(n.callFrame.url, n.callFrame.functionName);
    areaSelf.set(a, (areaSelf.get(a) ?? 0) + ms);
  }
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
  console.log("self time by area:");
  for (const [k, ms] of [...areaSelf].sort((a, b) => b[1] - a[1]).slice(0, topN)) console.log(`  ${pct(ms)}  ${k}`);
  console.log("self time by function:");
  for (const [k, ms] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, topN)) console.log(`  ${pct(ms)}  ${k}`);

  // Inclusive time of named steps (a frame counted once per sample even when it recurses).
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (name && !seen.has(name)) {
        seen.add(name);
        incl.set(name, (incl.get(name) ?? 0) + ms);
      }
    }
  }
  const steps = (
    process.env.STEPS ??
    "ingestScans,parseWith,commitScan,commitInTx,agentMachine,authorizeWorkspace,requireAgent,resolveToken,readJsonBody,safeParse,JSON.parse,parse,stringify,$transaction,diffInventories,runMicrotasks,garbage collector"
  ).split(",");
  console.log("inclusive time of steps:");
  for (const s of steps) if (incl.has(s)) console.log(`  ${pct(incl.get(s)!)}  ${s}`);
}
