import "server-only";
import { diffInventories } from "@/lib/domain/diff";
import { changeTypesFor, entityKindsFor, intervalMs } from "@/lib/domain/schedule";
import type { ChangeType } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db";
import { commitScans, type ScanReport } from "@/lib/server/ingest/commit-scan";
import type { Agent, AgentMachine, AgentScan } from "./agents/types";
import { claimMachines } from "./leases";

export type HistoryOptions = {
  agent: Agent;
  /** How many activity events touch the machine in (from, to]: idle intervals need no scan to know nothing changed. */
  activityBetween: (machine: AgentMachine, from: Date, to: Date, changeType: ChangeType) => number;
  now?: Date;
  days?: number;
  onMachine?: (name: string, scans: number, changes: number) => void;
  /** This worker's id when several may run: a machine another worker holds is left to it. */
  worker?: string;
};

// The simulator hands back the same entry objects for items that did not change, so most idle scans are
// recognised by identity; the diff settles the rest.
function unchanged(a: AgentScan, b: AgentScan): boolean {
  if (a.errors.length !== b.errors.length) return false;
  if (a.entries.length === b.entries.length && a.entries.every((e, i) => e === b.entries[i])) return true;
  return diffInventories(a.entries, b.entries).length === 0;
}

/** Scan instants sit on a fixed grid (a machine's own phase within its interval), so any two runs agree on them. */
const firstTickAfter = (t: number, step: number, phase: number) => Math.floor((t - phase) / step) * step + phase + step;

/**
 * A month of believable history on first start: the simulated fleet is run forward over the past `days` (never
 * before FIM was enabled) at the real collection frequencies, through the same scan, diff and commit steps as live
 * collection. Each (machine, change type) resumes after its last committed scan, so an interrupted backfill picks
 * up where it stopped and a finished one does nothing: safe on every start.
 */
export async function backfillHistory(db: Db, opts: HistoryOptions) {
  const now = (opts.now ?? new Date()).getTime();
  const machines = await db.machine.findMany({
    where: { agentKind: "SIMULATED", workspace: { fimEnabled: true } },
    include: { workspace: { select: { fimEnabledAt: true, entities: { where: { enabled: true } } } } },
    orderBy: { name: "asc" },
  });
  const last = await db.scan.groupBy({ by: ["machineId", "changeType"], _max: { finishedAt: true } });
  const lastAt = new Map(last.map((l) => [`${l.machineId}:${l.changeType}`, l._max.finishedAt?.getTime() ?? null]));

  let total = 0;
  let touched = 0;
  for (const m of machines) {
    if (opts.worker && !(await claimMachines(db, opts.worker, [m.id])).size) continue;
    const machine = m as AgentMachine;
    const from = Math.max(now - (opts.days ?? 30) * 86_400_000, m.workspace.fimEnabledAt?.getTime() ?? now);
    let reports: ScanReport[] = [];
    let scans = 0;
    let changes = 0;
    // Written in batches: a month of scans held at once would cost hundreds of MB.
    const flush = async () => {
      if (!reports.length) return;
      const results = await commitScans(db, m.id, reports);
      changes += results.reduce((n, r) => n + r.changes, 0);
      scans += reports.length;
      reports = [];
    };
    for (const changeType of changeTypesFor(m.osFamily)) {
      const kinds = entityKindsFor(changeType, m.osFamily);
      const entities = m.workspace.entities.filter((e) => kinds.includes(e.kind));
      const step = intervalMs(
        changeType,
        m.osFamily,
        entities.map((e) => e.frequencySec).filter((f): f is number => f !== null),
      );
      const phase = m.simSeed % step;
      const resumeAfter = lastAt.get(`${m.id}:${changeType}`) ?? null;
      let committedAt: number | null = resumeAfter;
      let committed: AgentScan | null = null;
      for (let tick = firstTickAfter(resumeAfter ?? from - 1, step, phase); tick <= now; tick += step) {
        const at = new Date(tick);
        const final = tick + step > now;
        if (committedAt !== null && !final && opts.activityBetween(machine, new Date(committedAt), at, changeType) === 0) continue;
        const scan = await opts.agent.scan({ machine, changeType, entities, at, previous: async () => new Map() });
        // Activity on items no entity tracks changes nothing: such a scan would only restate the inventory.
        if (committed && !final && unchanged(committed, scan)) continue;
        committed = scan;
        reports.push({
          scanId: `sim-${m.id}-${changeType}-${tick}`,
          machineId: m.id,
          changeType,
          startedAt: at,
          finishedAt: at,
          entityIds: entities.map((e) => e.id),
          entries: scan.entries,
          errors: scan.errors,
          contents: scan.contents,
        });
        committedAt = tick;
        if (reports.length >= 50) await flush();
      }
      await flush();
    }
    if (scans) {
      touched += 1;
      total += changes;
      opts.onMachine?.(m.name, scans, changes);
    }
  }
  return { machines: touched, changes: total };
}
