import "server-only";
import { changeTypesFor, entityKindsFor, intervalMs } from "@/lib/domain/schedule";
import type { Db } from "@/lib/server/db";
import { commitScans, type ScanReport } from "@/lib/server/ingest/commit-scan";
import type { Agent, AgentMachine } from "./agents/types";

export type HistoryOptions = {
  agent: Agent;
  /** How many activity events touch the machine in (from, to]: idle intervals need no scan to know nothing changed. */
  activityBetween: (machine: AgentMachine, from: Date, to: Date) => number;
  now?: Date;
  days?: number;
  onMachine?: (name: string, scans: number, changes: number) => void;
};

/**
 * A month of believable history on first start: the simulated fleet is run forward over the past `days` at the
 * real collection frequencies, through the same scan, diff and commit steps as live collection. Machines that
 * were already scanned are left alone, so this is safe on every start.
 */
export async function backfillHistory(db: Db, opts: HistoryOptions) {
  const now = opts.now ?? new Date();
  const start = new Date(now.getTime() - (opts.days ?? 30) * 86_400_000);
  const machines = await db.machine.findMany({
    where: { agentKind: "SIMULATED", workspace: { fimEnabled: true }, scans: { none: {} } },
    include: { workspace: { select: { entities: { where: { enabled: true } } } } },
    orderBy: { name: "asc" },
  });
  let total = 0;
  for (const m of machines) {
    const machine = m as AgentMachine;
    let reports: ScanReport[] = [];
    let scans = 0;
    let changes = 0;
    // Written in batches: a month of scans held at once would cost hundreds of MB.
    const flush = async () => {
      const results = await commitScans(db, m.id, reports);
      changes += results.reduce((n, r) => n + r.changes, 0);
      scans += reports.length;
      reports = [];
    };
    for (const changeType of changeTypesFor(m.osFamily)) {
      const kinds = entityKindsFor(changeType, m.osFamily);
      const entities = m.workspace.entities.filter((e) => kinds.includes(e.kind));
      const step = intervalMs(changeType, m.osFamily, entities.map((e) => e.frequencySec).filter((f): f is number => f !== null));
      // Ticks on the machine's own phase, so the fleet does not report in lockstep.
      let tick = start.getTime() + (m.simSeed % step);
      let committedAt: number | null = null;
      for (; tick <= now.getTime(); tick += step) {
        const at = new Date(tick);
        const last = tick + step > now.getTime();
        if (committedAt !== null && !last && opts.activityBetween(machine, new Date(committedAt), at) === 0) continue;
        const scan = await opts.agent.scan({ machine, changeType, entities, at, previous: async () => new Map() });
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
    total += changes;
    opts.onMachine?.(m.name, scans, changes);
  }
  return { machines: machines.length, changes: total };
}
