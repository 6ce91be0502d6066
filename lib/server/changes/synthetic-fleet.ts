import "server-only";
import { commitScan } from "../ingest/commit-scan";
import crypto from "node:crypto";
import type { InventoryEntry } from "@/lib/domain/diff";
import type { ChangeType, EntityKind } from "@/lib/domain/types";
import type { Db } from "../db";

/** Writers of bulk fixtures share SQLite with other writers: a busy database is waited out a few more times. */
const BULK_ATTEMPTS = { attempts: 8 };

// A synthetic fleet for the benchmark and large tests: machines whose inventories evolve scan after scan, every
// change written through commitScan (the scanner's one write path), so the records are what the product would store.

export type FleetOptions = {
  workspaceId: string;
  machines: number;
  /** Change records to produce in total (exactly). */
  records: number;
  /** The records spread uniformly over the last `days` days before `now`. */
  days: number;
  now: Date;
  seed?: number;
  namePrefix?: string;
  /** A scan finds 1 to this many changes (40 by default). */
  maxScanChanges?: number;
  /** Scans committed at once (distinct machines); 1 for SQLite, more helps PostgreSQL. */
  concurrency?: number;
  onProgress?: (records: number) => void;
};

type Kind = { type: ChangeType; entityKind: EntityKind; path: string; itemName: string };

const LINUX_FILES: Kind = { type: "Files", entityKind: "LINUX_FILE", path: "/etc/*.conf", itemName: "etc conf files" };
const LINUX_BIN: Kind = { type: "Files", entityKind: "LINUX_FILE", path: "/usr/bin", itemName: "usr bin" };
const WIN_FILES: Kind = { type: "Files", entityKind: "WINDOWS_FILE", path: "C:\\Windows\\System32\\drivers\\*.sys", itemName: "drivers" };
const WIN_REG: Kind = {
  type: "Registry",
  entityKind: "WINDOWS_REGISTRY",
  path: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
  itemName: "Run",
};
const WIN_SVC: Kind = { type: "WindowsServices", entityKind: "WINDOWS_SERVICE", path: "*", itemName: "All services" };
const KINDS = [LINUX_FILES, LINUX_BIN, WIN_FILES, WIN_REG, WIN_SVC];

/** Deterministic PRNG (mulberry32), so a fleet is the same on every run with the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const hex = (r: Rand) => crypto.createHash("sha256").update(String(r())).digest("hex");

/** The item pool of one entity: what may exist on a machine (inventories start with a part of it). */
function pool(kind: Kind): string[] {
  const n = Array.from({ length: 400 }, (_, i) => i);
  if (kind === LINUX_FILES) return n.map((i) => `/etc/${["app", "svc", "net", "sys"][i % 4]}-${i}.conf`);
  if (kind === LINUX_BIN) return n.map((i) => `/usr/bin/${["tool", "agent", "cli"][i % 3]}-${i}`);
  if (kind === WIN_FILES) return n.map((i) => `C:\\Windows\\System32\\drivers\\drv${i}.sys`);
  if (kind === WIN_REG) return n.map((i) => `App${i}`);
  return n.map((i) => `svc${i}`);
}

function entry(kind: Kind, name: string, entityId: string, r: Rand, at: Date): InventoryEntry {
  if (kind.type === "Files") {
    return {
      changeType: "Files",
      itemKey: name,
      entityId,
      size: BigInt(1000 + Math.floor(r() * 100_000)),
      sha256: hex(r),
      acls: "root:rw-,root:r--,other:r--",
      attributes: "-rw-r--r--",
      inode: BigInt(Math.floor(r() * 1e6)),
      dateCreated: new Date(at.getTime() - 86_400_000 * 90),
      dateModified: at,
    };
  }
  if (kind.type === "Registry") {
    return {
      changeType: "Registry",
      itemKey: `${kind.path}\\${name}`,
      entityId,
      registryKey: kind.path,
      valueName: name,
      valueType: "REG_SZ",
      valueData: `C:\\Program Files\\${name}\\${name}.exe`,
    };
  }
  return {
    changeType: "WindowsServices",
    itemKey: name,
    entityId,
    svcName: name,
    svcDisplayName: `Service ${name}`,
    svcState: "Running",
    svcStartupType: "Auto",
    svcPath: `C:\\Windows\\System32\\${name}.exe`,
    svcAccount: "LocalSystem",
  };
}

function modify(e: InventoryEntry, r: Rand, at: Date): InventoryEntry {
  if (e.changeType === "Files") return { ...e, sha256: hex(r), size: BigInt(1000 + Math.floor(r() * 100_000)), dateModified: at };
  if (e.changeType === "Registry") return { ...e, valueData: `C:\\Program Files\\${e.valueName}\\v${Math.floor(r() * 1e6)}.exe` };
  return { ...e, svcState: e.svcState === "Running" ? "Stopped" : "Running" };
}

/** One change type of one machine: a scan covers every entity of its type (commitScan drops items of the others). */
type Stream = {
  type: ChangeType;
  entityIds: string[];
  items: Map<string, InventoryEntry>;
  pool: { kind: Kind; name: string; key: string }[];
};
type MachineState = { id: string; streams: Stream[] };
type PlannedScan = { machine: MachineState; stream: Stream; at: Date; changes: number };

async function ensureEntities(db: Db, workspaceId: string): Promise<Map<Kind, string>> {
  const ids = new Map<Kind, string>();
  for (const k of KINDS) {
    const found = await db.trackedEntity.findFirst({ where: { workspaceId, kind: k.entityKind, path: k.path, valueName: "" } });
    const e =
      found ??
      (await db.trackedEntity.create({
        data: {
          workspaceId,
          kind: k.entityKind,
          itemName: k.itemName,
          path: k.path,
          group: "Custom",
          pathType: k.type === "Files" ? "FILE" : null,
        },
      }));
    ids.set(k, e.id);
  }
  return ids;
}

/** One scan: apply `changes` random modifications, additions and removals to the stream, then commit it. */
async function commit(db: Db, entityIds: Map<Kind, string>, scan: PlannedScan, r: Rand, scanId: string): Promise<number> {
  const { stream, at } = scan;
  const touched = new Set<string>();
  for (let i = 0; i < scan.changes; i++) {
    const roll = r();
    if (roll < 0.15 || stream.items.size < 20) {
      // Added: a pool item the machine does not have (a few tries; a full pool falls through to a modification).
      const item = Array.from({ length: 8 }, () => pick(r, stream.pool)).find((p) => !stream.items.has(p.key) && !touched.has(p.key));
      if (item) {
        stream.items.set(item.key, entry(item.kind, item.name, entityIds.get(item.kind)!, r, at));
        touched.add(item.key);
        continue;
      }
    }
    const keys = [...stream.items.keys()];
    const from = Math.floor(r() * keys.length);
    const key = keys.map((_, j) => keys[(from + j) % keys.length]).find((k) => !touched.has(k));
    if (!key) break;
    touched.add(key);
    if (roll > 0.85 && stream.items.size > 20) stream.items.delete(key);
    else stream.items.set(key, modify(stream.items.get(key)!, r, at));
  }
  const res = await commitScan(
    db,
    {
      scanId,
      machineId: scan.machine.id,
      changeType: stream.type,
      startedAt: new Date(at.getTime() - 5000),
      finishedAt: at,
      entityIds: stream.entityIds,
      entries: [...stream.items.values()],
      errors: [],
    },
    BULK_ATTEMPTS,
  );
  return res.changes;
}

/**
 * Creates `machines` machines in the workspace (half Windows, half Linux), baselines them, then commits scans in
 * time order across the fleet until exactly `records` change records exist. Returns the machine ids.
 */
export async function generateFleet(db: Db, o: FleetOptions): Promise<string[]> {
  const r = prng(o.seed ?? 1);
  const prefix = o.namePrefix ?? "vm";
  const entityIds = await ensureEntities(db, o.workspaceId);
  const start = new Date(o.now.getTime() - o.days * 86_400_000);
  const baselineAt = new Date(start.getTime() - 3_600_000);

  const specs = Array.from({ length: o.machines }, (_, i) => ({
    workspaceId: o.workspaceId,
    name: `${prefix}-${i % 2 ? "lnx" : "win"}-${String(i).padStart(4, "0")}`,
    osFamily: i % 2 ? ("LINUX" as const) : ("WINDOWS" as const),
    osVersion: i % 2 ? "Ubuntu 22.04 LTS" : "Windows Server 2022 Datacenter",
    source: "AZURE_VM" as const,
    agentKind: "REMOTE" as const,
  }));
  for (let i = 0; i < specs.length; i += 200) await db.machine.createMany({ data: specs.slice(i, i + 200) });
  const names = new Set(specs.map((s) => s.name));
  const rows = (await db.machine.findMany({ where: { workspaceId: o.workspaceId }, orderBy: { name: "asc" } })).filter((m) =>
    names.has(m.name),
  );

  const streamOf = (type: ChangeType, kinds: Kind[]): Stream => {
    const pooled = kinds.flatMap((kind) => pool(kind).map((name) => ({ kind, name, key: entry(kind, name, "", r, baselineAt).itemKey })));
    const items = new Map<string, InventoryEntry>();
    for (const kind of kinds) {
      for (const p of pooled.filter((x) => x.kind === kind).slice(0, 40))
        items.set(p.key, entry(kind, p.name, entityIds.get(kind)!, r, baselineAt));
    }
    return { type, entityIds: kinds.map((k) => entityIds.get(k)!), items, pool: pooled };
  };
  const machines: MachineState[] = rows.map((m) => ({
    id: m.id,
    streams:
      m.osFamily === "LINUX"
        ? [streamOf("Files", [LINUX_FILES, LINUX_BIN])]
        : [streamOf("Files", [WIN_FILES]), streamOf("Registry", [WIN_REG]), streamOf("WindowsServices", [WIN_SVC])],
  }));

  // Baselines: the first scan of an entity on a machine records no change.
  let n = 0;
  const runId = crypto.randomBytes(4).toString("hex");
  for (const m of machines) {
    for (const s of m.streams) {
      await commit(db, entityIds, { machine: m, stream: s, at: baselineAt, changes: 0 }, r, `bench-${runId}-${n++}`);
    }
  }

  // Scans of 1 to maxScanChanges changes at uniform times over the whole span, committed in time order. A scan
  // finds exactly what it planned unless its inventory runs out of items (rare): extra scans then make up the rest.
  const planScans = (total: number) => {
    const plan: PlannedScan[] = [];
    for (let planned = 0; planned < total;) {
      const machine = machines[Math.floor(r() * machines.length)];
      const changes = Math.min(1 + Math.floor(r() * (o.maxScanChanges ?? 40)), total - planned);
      const at = new Date(start.getTime() + Math.floor(r() * (o.now.getTime() - start.getTime() - 60_000)));
      plan.push({ machine, stream: pick(r, machine.streams), at, changes });
      planned += changes;
    }
    return plan.sort((a, b) => a.at.getTime() - b.at.getTime());
  };

  let written = 0;
  const width = Math.max(1, o.concurrency ?? 1);
  for (let round = 0; written < o.records && round < 5; round++) {
    const plan = planScans(o.records - written);
    for (let i = 0; i < plan.length;) {
      // A window of scans of distinct machines, so each machine's scans stay in order.
      const batch: PlannedScan[] = [];
      const busy = new Set<string>();
      while (i < plan.length && batch.length < width && !busy.has(plan[i].machine.id)) {
        busy.add(plan[i].machine.id);
        batch.push(plan[i++]);
      }
      const counts = await Promise.all(batch.map((s) => commit(db, entityIds, s, r, `bench-${runId}-${n++}`)));
      written += counts.reduce((t, c) => t + c, 0);
      o.onProgress?.(written);
    }
  }
  return machines.map((m) => m.id);
}
