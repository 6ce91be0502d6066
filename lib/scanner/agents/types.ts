import type { InventoryEntry } from "@/lib/domain/diff";
import type { RemovedEntry } from "@/lib/domain/packages";
import type { EntityKind, LinksMode, PathType, ChangeType } from "@/lib/domain/types";
import type { OsFamily } from "@/lib/domain/schedule";

export type AgentMachine = {
  id: string;
  name: string;
  osFamily: OsFamily;
  osVersion: string;
  agentKind: "SIMULATED" | "LOCAL" | "REMOTE";
  simSeed: number;
};

/** A tracked entity as agents read it (the TrackedEntity columns that decide what is collected). */
export type AgentEntity = {
  id: string;
  kind: EntityKind;
  path: string;
  pathType: PathType | null;
  recursion: boolean;
  useSudo: boolean;
  links: LinksMode | null;
  uploadContent: boolean;
  valueName: string;
  enabled: boolean;
  frequencySec: number | null;
  verifyEveryScan?: boolean;
};

export type AgentScan = {
  entries: InventoryEntry[];
  errors: { entityId?: string; path?: string; message: string }[];
  contents: Map<string, Uint8Array>;
  /** Entities the agent would not read on this machine (see ScanReport.unreadEntityIds). */
  unreadEntityIds?: string[];
  /** Package facts of files gone since the previous inventory (see ScanReport.removed). */
  removed?: RemovedEntry[];
};

export type ScanJob = {
  machine: AgentMachine;
  changeType: ChangeType;
  entities: AgentEntity[];
  at: Date;
  /** The machine's last committed inventory of this change type (lets a rescan skip unchanged files). */
  previous: () => Promise<Map<string, InventoryEntry>>;
  /** Bounded trust: the workspace's verification period and this scan's interval (files only). */
  verify?: { periodMs: number; intervalMs: number };
};

/** Produces a machine's current inventory; the collector diffs and commits it. */
export interface Agent {
  scan(job: ScanJob): Promise<AgentScan>;
}
