import "server-only";
import crypto from "node:crypto";
import type { InventoryEntry } from "@/lib/domain/diff";
import { changeTypesFor, entityKindsFor, intervalMs, isDue } from "@/lib/domain/schedule";
import type { ChangeType } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db";
import { commitScan, type CommitResult } from "@/lib/server/ingest/commit-scan";
import type { Agent, AgentEntity, AgentMachine } from "./agents/types";
import { claimMachines } from "./leases";

export type Agents = Partial<Record<"SIMULATED" | "LOCAL", Agent>>;

export type CollectOptions = {
  now?: Date;
  /** Demo speed-up of the collection frequencies (1 = Azure's defaults). */
  timeScale?: number;
  /** Scan every machine now, due or not (`npm run scan -- --once`). */
  force?: boolean;
  /** Workspaces whose configuration changed since their last pass: scanned now, so an edit shows at once. */
  forceWorkspaceIds?: ReadonlySet<string>;
  /** This worker's id when several may run (lib/scanner/leases.ts): only machines it holds a lease on are scanned. */
  worker?: string;
  onScan?: (event: ScanEvent) => void;
};

export type ScanEvent = { machine: string; changeType: ChangeType; result?: CommitResult; error?: string; ms: number };

type Job = {
  machine: AgentMachine;
  workspaceId: string;
  configVersion: number;
  changeType: ChangeType;
  entities: AgentEntity[];
  verify: { periodMs: number; intervalMs: number };
};

/** The scans due now: every (machine, change type) of FIM-enabled workspaces whose interval has passed. */
export async function dueJobs(db: Db, agents: Agents, opts: CollectOptions = {}): Promise<Job[]> {
  const now = opts.now ?? new Date();
  const kinds = Object.keys(agents) as ("SIMULATED" | "LOCAL")[];
  const machines = await db.machine.findMany({
    where: { agentKind: { in: kinds }, workspace: { fimEnabled: true } },
    // Entities oldest first, as the agent config lists them: the first that matches an item owns it, so the owner
    // stays the same from scan to scan (and on PostgreSQL, where an updated row moves, the unordered order does not).
    include: {
      workspace: {
        select: {
          configVersion: true,
          verifyPeriodHours: true,
          entities: { where: { enabled: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
      },
    },
    orderBy: { name: "asc" },
  });
  const last = await db.scan.groupBy({
    by: ["machineId", "changeType"],
    where: { machineId: { in: machines.map((m) => m.id) } },
    _max: { finishedAt: true },
  });
  const lastAt = new Map(last.map((l) => [`${l.machineId}:${l.changeType}`, l._max.finishedAt]));

  const jobs: Job[] = [];
  for (const m of machines) {
    for (const changeType of changeTypesFor(m.osFamily)) {
      const kinds = entityKindsFor(changeType, m.osFamily);
      const entities = m.workspace.entities.filter((e) => kinds.includes(e.kind));
      const services = entities.map((e) => e.frequencySec).filter((f): f is number => f !== null);
      const interval = intervalMs(changeType, m.osFamily, services, opts.timeScale);
      const due = opts.force || opts.forceWorkspaceIds?.has(m.workspaceId) || isDue(lastAt.get(`${m.id}:${changeType}`), interval, now);
      if (due)
        jobs.push({
          machine: m as AgentMachine,
          workspaceId: m.workspaceId,
          configVersion: m.workspace.configVersion,
          changeType,
          entities,
          // The demo's time scale speeds the verification period up with the collection frequencies.
          verify: { periodMs: (m.workspace.verifyPeriodHours * 3_600_000) / (opts.timeScale ?? 1), intervalMs: interval },
        });
    }
  }
  return jobs;
}

async function previousInventory(db: Db, machineId: string, changeType: ChangeType): Promise<Map<string, InventoryEntry>> {
  const rows = await db.inventoryItem.findMany({ where: { machineId, changeType } });
  return new Map(rows.map((r) => [r.itemKey, r as unknown as InventoryEntry]));
}

/** Runs one job: the agent scans, then the one write path diffs and commits. A failing agent marks the machine. */
export async function runJob(db: Db, agents: Agents, job: Job, at: Date, scanId: string): Promise<CommitResult> {
  const agent = agents[job.machine.agentKind as "SIMULATED" | "LOCAL"];
  if (!agent) throw new Error(`no agent for ${job.machine.agentKind}`);
  const startedAt = new Date();
  try {
    const scan = await agent.scan({ ...job, at, previous: () => previousInventory(db, job.machine.id, job.changeType) });
    return await commitScan(db, {
      scanId,
      machineId: job.machine.id,
      changeType: job.changeType,
      startedAt,
      finishedAt: job.machine.agentKind === "SIMULATED" ? at : new Date(),
      entityIds: job.entities.map((e) => e.id),
      entries: scan.entries,
      unreadEntityIds: scan.unreadEntityIds,
      removed: scan.removed,
      errors: scan.errors,
      contents: scan.contents,
      configVersion: job.configVersion,
    });
  } catch (err) {
    // Nothing of this scan was committed, so the next one finds its changes again: only the health changes.
    await db.machine.update({
      where: { id: job.machine.id },
      data: { collectionStatus: "ERROR", lastError: `Collection failed: ${(err as Error).message}` },
    });
    throw err;
  }
}

/** One pass of the collector: every due scan, one after the other (bounded: the scanner must not starve the host). */
export async function collectDue(db: Db, agents: Agents, opts: CollectOptions = {}) {
  const jobs = await dueJobs(db, agents, opts);
  let changes = 0;
  let failed = 0;
  let skipped = 0;
  // Claimed just before its scans (and so renewed every pass that scans it): a long pass cannot outlive a lease.
  const held = new Map<string, boolean>();
  for (const job of jobs) {
    if (opts.worker) {
      if (!held.has(job.machine.id)) held.set(job.machine.id, (await claimMachines(db, opts.worker, [job.machine.id])).size > 0);
      if (!held.get(job.machine.id)) {
        skipped += 1;
        continue;
      }
    }
    const at = opts.now ?? new Date();
    // Simulated scans are a pure function of the instant: their id is too, so a retried scan is the same scan.
    const scanId = job.machine.agentKind === "SIMULATED" ? `sim-${job.machine.id}-${job.changeType}-${at.getTime()}` : crypto.randomUUID();
    const t0 = Date.now();
    try {
      const result = await runJob(db, agents, job, at, scanId);
      changes += result.changes;
      opts.onScan?.({ machine: job.machine.name, changeType: job.changeType, result, ms: Date.now() - t0 });
    } catch (err) {
      failed += 1;
      opts.onScan?.({ machine: job.machine.name, changeType: job.changeType, error: (err as Error).message, ms: Date.now() - t0 });
    }
  }
  return { scans: jobs.length - skipped, changes, failed, skipped };
}
