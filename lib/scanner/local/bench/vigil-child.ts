// The benchmark's scanner process: a process of its own so that its peak memory (VmHWM, hashing threads
// included) is the scanner's alone. Keeps the last inventory between scans, as the collection worker does.
// Driven over IPC by lib/cli/bench-scan.ts: { cmd: "full" | "rescan" | "exit", root }.
import { readFileSync } from "node:fs";
import { diffInventories, type InventoryEntry } from "@/lib/domain/diff";
import { scanLocalFiles } from "../scan-files";
import type { FileRule } from "../types";

export interface ChildRequest {
  cmd: "full" | "rescan" | "exit";
  root: string;
}

export interface ChildReply {
  cmd: ChildRequest["cmd"];
  ms: number;
  /** User + system CPU time of the scan, all threads of the process. */
  cpuMs: number;
  files: number;
  bytesHashed: number;
  rehashed: number;
  skipped: number;
  /** Unchanged files read again for bounded trust. */
  verified: number;
  errors: number;
  changes: { Added: number; Modified: number; Removed: number };
  peakMb: number;
}

let previous: InventoryEntry[] = [];
/** Bounded trust as the worker runs it on Linux files: scans every 15 min, every file reread within 24 h. */
const BOUNDED_TRUST = { periodMs: 24 * 3_600_000, intervalMs: 15 * 60_000 };

const peakMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;

async function handle(req: ChildRequest): Promise<ChildReply> {
  const rule: FileRule = {
    entityId: "bench",
    path: req.root,
    pathType: "DIRECTORY",
    recursion: true,
    links: "IGNORE",
    useSudo: false,
    uploadContent: false,
  };
  const changes = { Added: 0, Modified: 0, Removed: 0 };
  if (req.cmd === "exit")
    return {
      cmd: req.cmd,
      ms: 0,
      cpuMs: 0,
      files: 0,
      bytesHashed: 0,
      rehashed: 0,
      skipped: 0,
      verified: 0,
      errors: 0,
      changes,
      peakMb: peakMb(),
    };
  const started = performance.now();
  const cpu = process.cpuUsage();
  // A rescan's time includes indexing the previous inventory and diffing: AIDE --check compares too.
  const prevByKey = req.cmd === "rescan" ? new Map(previous.map((e) => [e.itemKey, e])) : undefined;
  const result = await scanLocalFiles([rule], { previous: prevByKey, verify: BOUNDED_TRUST });
  if (req.cmd === "rescan") for (const c of diffInventories(previous, result.entries)) changes[c.category]++;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  previous = result.entries;
  const { files, bytesHashed, rehashed, skipped, verified } = result.stats;
  return {
    cmd: req.cmd,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    files,
    bytesHashed,
    rehashed,
    skipped,
    verified,
    errors: result.errors.length,
    changes,
    peakMb: peakMb(),
  };
}

process.on("message", (req: ChildRequest) => {
  void handle(req).then(
    (reply) => {
      process.send?.(reply);
      if (req.cmd === "exit") process.disconnect();
    },
    (err: unknown) => {
      process.send?.({ cmd: req.cmd, error: err instanceof Error ? err.message : String(err) });
    },
  );
});
