// The remote agent: registers this host with a Vigil server once, then in each pass fetches its configuration,
// scans the host's files with the local agent's scanner (lib/scanner/local) and posts the inventory; the server
// diffs and stores it with the same engine as its own scanner. A scan is written to disk before it is posted and
// resent with the same scan id until the server acknowledges it: nothing is lost, nothing counted twice.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import type {
  TAgentEntryWire,
  TAgentConfig,
  TAgentRegistration,
  TAgentScanReportWire,
  TAgentScansBodyWire,
  TAgentScansResponse,
} from "@/lib/contracts/agent";
import type { InventoryEntry } from "@/lib/domain/diff";
import { loadHostPackages } from "@/lib/scanner/local/host-packages";
import { scanLocalFiles } from "@/lib/scanner/local/scan-files";
import type { FileRule } from "@/lib/scanner/local/types";
import { ApiError, VigilClient, type RetryPolicy } from "./client";
import { mayDelta, toDelta, type CommittedScan } from "./delta";
import { fitBody } from "./fit-body";
import { StateStore, type AgentState } from "./state";
import { fromWireEntry, toWireEntry } from "./wire";

export type AgentOptions = {
  server: string;
  /** A user token (first run: registers) or an agent token. */
  token?: string;
  workspace?: string;
  hostname?: string;
  stateFile: string;
  workers?: number;
  retry?: Partial<RetryPolicy>;
  log?: (line: string) => void;
};

export type PassSummary = {
  pass: number;
  fimEnabled: boolean;
  scans: {
    changeType: string;
    scanId: string;
    items: number;
    /** Entries and removed keys sent, when the report was a delta. */
    delta: number | null;
    errors: number;
    changes: number;
    baselined: number;
    duplicate: boolean;
    discarded: string | null;
    scanMs: number;
    postMs: number;
  }[];
  resent: number;
};

export function hostOsVersion(): string {
  try {
    const release = fs.readFileSync("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? `${os.type()} ${os.release()}`;
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

const newScanId = (changeType: string) =>
  `${changeType}-${new Date().toISOString().replace(/[-:]/g, "")}-${crypto.randomBytes(4).toString("hex")}`;

export class RemoteAgent {
  readonly store: StateStore;
  private state: AgentState | null = null;
  private client: VigilClient | null = null;
  private passes = 0;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: AgentOptions) {
    this.store = new StateStore(opts.stateFile);
    this.log = opts.log ?? ((line) => process.stderr.write(`[agent] ${line}\n`));
  }

  private retryPolicy(): RetryPolicy {
    return {
      attempts: 8,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      onRetry: ({ attempt, delayMs, reason }) => this.log(`retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s: ${reason}`),
      ...this.opts.retry,
    };
  }

  /** The saved registration, or a new one (user token + workspace), saved with mode 0600. */
  async ensureRegistered(): Promise<AgentState> {
    if (this.state) return this.state;
    const server = this.opts.server.replace(/\/+$/, "");
    const saved = this.store.load();
    if (saved) {
      if (saved.server !== server) {
        throw new Error(`${this.store.file} belongs to ${saved.server}; pass --state with another file to register with ${server}`);
      }
      this.state = saved;
      this.client = new VigilClient(server, saved.agentToken, this.retryPolicy());
      return saved;
    }
    if (!this.opts.token)
      throw new Error(`no agent registered yet (${this.store.file} does not exist): pass --token with a user token and --workspace`);
    const client = new VigilClient(server, this.opts.token, this.retryPolicy());
    let state: AgentState;
    try {
      if (!this.opts.workspace) throw new Error("the first run registers this host: pass --workspace <name or id>");
      const hostname = this.opts.hostname ?? os.hostname();
      const reg = await client.request<TAgentRegistration>("POST", "/api/v1/agent/register", {
        workspace: this.opts.workspace,
        hostname,
        osFamily: "LINUX",
        osVersion: hostOsVersion(),
      });
      state = {
        server,
        machineId: reg.machineId,
        machineName: reg.machineName,
        workspaceId: reg.workspaceId,
        workspaceName: reg.workspaceName,
        agentToken: reg.agentToken,
        registeredAt: new Date().toISOString(),
      };
      this.log(
        `registered ${reg.machineName} in ${reg.workspaceName}${reg.reused ? " (took over the existing machine)" : ""}; agent token saved in ${this.store.file}`,
      );
    } catch (e) {
      // An agent token given directly (issued in the portal): its machine is the one the config names.
      if (!(e instanceof ApiError && e.status === 403 && /agent token/.test(e.message))) throw e;
      const cfg = await client.request<TAgentConfig>("GET", "/api/v1/agent/config");
      state = {
        server,
        machineId: cfg.machineId,
        machineName: cfg.machineName,
        workspaceId: cfg.workspaceId,
        workspaceName: cfg.workspaceName,
        agentToken: this.opts.token,
        registeredAt: new Date().toISOString(),
      };
      this.log(`using the agent token of ${cfg.machineName} in ${cfg.workspaceName}; saved in ${this.store.file}`);
    }
    this.store.save(state);
    this.state = state;
    this.client = client.withToken(state.agentToken);
    return state;
  }

  private async post(body: TAgentScansBodyWire): Promise<TAgentScansResponse> {
    this.store.setPending(body); // on disk first: a crash or an outage resends it, same scan ids
    try {
      const res = await this.client!.request<TAgentScansResponse>("POST", "/api/v1/agent/scans", body);
      this.store.setPending(null);
      return res;
    } catch (e) {
      // Refused for good (422, 413): resending cannot help. Anything else stays pending for the next pass.
      if (e instanceof ApiError && (e.status === 422 || e.status === 413 || e.status === 400)) this.store.setPending(null);
      throw e;
    }
  }

  /** One pass: resend what is pending, fetch the configuration, scan, post. */
  async runPass(): Promise<PassSummary> {
    const state = await this.ensureRegistered();
    const summary: PassSummary = { pass: ++this.passes, fimEnabled: false, scans: [], resent: 0 };
    const pending = this.store.pending();
    if (pending) {
      const res = await this.post(pending);
      summary.resent = res.results.length;
      // What the resent scans hold is not the saved inventory: the next reports are full.
      this.store.setCommitted({});
      this.log(
        `resent ${res.results.length} unacknowledged scan(s): ${res.results.map((r) => `${r.scanId} ${r.duplicate ? "was already stored" : `${r.changes} changes`}`).join(", ")}`,
      );
    }
    const cfg = await this.client!.request<TAgentConfig>("GET", "/api/v1/agent/config");
    summary.fimEnabled = cfg.fimEnabled;
    if (!cfg.fimEnabled) {
      this.log(`pass ${summary.pass}: file integrity monitoring is off in ${cfg.workspaceName}; nothing to scan`);
      return summary;
    }
    const cache = this.store.inventory();
    const committed = this.store.committed();
    const nextCache: Record<string, unknown[]> = {};
    const nextCommitted: Record<string, CommittedScan> = {};
    // A full inventory at least once a verification period (and on a process's first pass): see ./delta.ts.
    const fullEveryMs = (cfg.verifyPeriodSec || 86_400) * 1000;
    for (const job of cfg.scans) {
      if (job.changeType !== "Files") continue; // a Linux host reports files only
      const rules: FileRule[] = job.entities
        .filter((e) => (e.kind === "LINUX_FILE" || e.kind === "FILE_CONTENT") && e.path.startsWith("/"))
        .map((e) => ({
          entityId: e.id,
          path: e.path,
          pathType: e.pathType,
          recursion: e.recursion,
          links: e.links,
          useSudo: e.useSudo,
          uploadContent: e.uploadContent || e.kind === "FILE_CONTENT",
          verifyEveryScan: e.verifyEveryScan === true,
        }));
      const previous = new Map<string, InventoryEntry>(
        (cache[job.changeType] ?? []).map((w) => [String(w.itemKey), fromWireEntry(job.changeType, w)]),
      );
      const startedAt = new Date();
      const t0 = performance.now();
      const verify = cfg.verifyPeriodSec ? { periodMs: cfg.verifyPeriodSec * 1000, intervalMs: job.intervalSec * 1000 } : undefined;
      const result = await scanLocalFiles(rules, {
        previous,
        workers: this.opts.workers,
        maxItems: cfg.limits.maxEntriesPerRequest,
        verify,
        packages: loadHostPackages,
      });
      const scanMs = performance.now() - t0;
      const entries = result.entries.map(toWireEntry);
      nextCache[job.changeType] = entries;
      const report: TAgentScanReportWire = {
        scanId: newScanId(job.changeType),
        machineId: state.machineId,
        changeType: job.changeType,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        configVersion: cfg.configVersion,
        entityIds: job.entities.map((e) => e.id),
        entries,
        errors: result.errors.slice(0, 10_000),
        contents: [...result.contents].map(([sha256, data]) => ({ sha256, base64: Buffer.from(data).toString("base64") })),
        removed: result.removed.length ? result.removed.map(toWireEntry) : undefined,
      };
      const base = committed[job.changeType];
      const delta =
        this.passes > 1 && mayDelta(base, report, fullEveryMs) && cache[job.changeType]
          ? toDelta(report, base.scanId, cache[job.changeType] as TAgentEntryWire[])
          : null;
      const t1 = performance.now();
      let r = await this.postScan(delta ?? report, cfg.limits.maxBodyBytes);
      let sentFull = !delta;
      if (delta && r.discardReason === "full_inventory_needed") {
        this.log(
          `${report.scanId}: the server asks for the full inventory (its last scan of these entities is not ${base!.scanId}); sending it`,
        );
        r = await this.postScan(report, cfg.limits.maxBodyBytes);
        sentFull = true;
      }
      // Content the server does not hold as this machine's (older server data, a lost upload) is read and sent again.
      if (r.contentRefused > 0) nextCache[job.changeType] = entries.map((e) => ({ ...e, contentSha256: null }));
      // The base of the next delta: this scan, when the server holds exactly what the agent keeps of it.
      else if (!r.discarded)
        nextCommitted[job.changeType] = {
          scanId: report.scanId,
          configVersion: cfg.configVersion,
          entityIds: report.entityIds,
          fullAt: sentFull ? new Date().toISOString() : base!.fullAt,
        };
      summary.scans.push({
        changeType: job.changeType,
        scanId: report.scanId,
        items: entries.length,
        delta: sentFull ? null : delta!.entries.length + (delta!.removed?.length ?? 0),
        errors: report.errors?.length ?? 0,
        changes: r.changes,
        baselined: r.baselined,
        duplicate: r.duplicate,
        discarded: r.discardReason,
        scanMs,
        postMs: performance.now() - t1,
      });
    }
    this.store.setInventory(nextCache, nextCommitted);
    for (const s of summary.scans) {
      const outcome = s.discarded
        ? `discarded (${s.discarded.replace("_", " ")}; rescanning next pass)`
        : s.duplicate
          ? "already stored"
          : `${s.changes} changes${s.baselined ? `, ${s.baselined} baselined` : ""}`;
      this.log(
        `pass ${summary.pass} · ${cfg.workspaceName}/${cfg.machineName} · ${s.changeType}: ${s.items} items${s.delta === null ? "" : ` (${s.delta} sent as a delta)`}, ${s.errors} errors, ${outcome} · scan ${(s.scanMs / 1000).toFixed(2)} s, post ${(s.postMs / 1000).toFixed(2)} s`,
      );
    }
    return summary;
  }

  /** Posts one scan report, kept under the server's body limit. */
  private async postScan(report: TAgentScanReportWire, maxBodyBytes: number) {
    fitBody(report, maxBodyBytes);
    return (await this.post({ scans: [report] })).results[0];
  }

  /** The next pass's wait: --interval, else the shortest interval the server asks for. */
  async intervalSec(explicit?: number): Promise<number> {
    if (explicit) return explicit;
    const cfg = await this.client!.request<TAgentConfig>("GET", "/api/v1/agent/config");
    return Math.min(900, ...cfg.scans.map((s) => s.intervalSec));
  }
}
