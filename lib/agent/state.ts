// What the agent keeps between runs, beside its state file: the agent token (mode 0600), the scan it has not had
// acknowledged yet (resent first, same scan id), its last inventory (so unchanged files are not rehashed) and which
// scan of it the server committed (the base of the next delta report).
import fs from "node:fs";
import path from "node:path";
import type { TAgentScansBodyWire } from "@/lib/contracts/agent";
import type { CommittedScan } from "./delta";

export type AgentState = {
  server: string;
  machineId: string;
  machineName: string;
  workspaceId: string;
  workspaceName: string;
  agentToken: string;
  registeredAt: string;
};

/** Writes a file readable by its owner only, atomically (a crash leaves the old file or the new one). */
export function writePrivate(file: string, data: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${file} cannot be read: ${(e as Error).message}`);
  }
}

export class StateStore {
  constructor(readonly file: string) {}

  get pendingFile() {
    return `${this.file}.pending.json`;
  }
  get inventoryFile() {
    return `${this.file}.inventory.json`;
  }
  get committedFile() {
    return `${this.file}.committed.json`;
  }

  load(): AgentState | null {
    return readJson<AgentState>(this.file);
  }
  save(state: AgentState) {
    writePrivate(this.file, JSON.stringify(state, null, 2) + "\n");
  }

  /** The scans posted but not acknowledged: resent as they are before anything new. */
  pending(): TAgentScansBodyWire | null {
    return readJson<TAgentScansBodyWire>(this.pendingFile);
  }
  setPending(body: TAgentScansBodyWire | null) {
    if (body) writePrivate(this.pendingFile, JSON.stringify(body));
    else fs.rmSync(this.pendingFile, { force: true });
  }

  inventory(): Record<string, Record<string, unknown>[]> {
    return readJson<Record<string, Record<string, unknown>[]>>(this.inventoryFile) ?? {};
  }
  /**
   * The inventory and, per change type, the scan of it the server committed (none: the next report is full). Written
   * together, the committed scans first: a crash between the two leaves no base for an inventory it does not describe.
   */
  setInventory(byChangeType: Record<string, unknown[]>, committed: Record<string, CommittedScan> = {}) {
    this.setCommitted({});
    writePrivate(this.inventoryFile, JSON.stringify(byChangeType));
    this.setCommitted(committed);
  }

  committed(): Record<string, CommittedScan> {
    return readJson<Record<string, CommittedScan>>(this.committedFile) ?? {};
  }
  setCommitted(byChangeType: Record<string, CommittedScan>) {
    writePrivate(this.committedFile, JSON.stringify(byChangeType));
  }
}
