// bench:load's synthetic agents (see bench-load.ts): each keeps a synthetic inventory, moves it on by an exact number of
// changes a scan, posts it as the real agent does (resent with the same scan id until acknowledged) and counts what
// happened for the report.
import crypto from "node:crypto";
import http from "node:http";
import type { TAgentScansResponse } from "@/lib/contracts/agent";

const say = (msg: string) => process.stderr.write(`[bench:load] ${msg}\n`);

export type WireFile = {
  itemKey: string;
  entityId: string;
  size: number;
  sha256: string;
  inode: number;
  dateModified: string;
  dateCreated: string;
  acls: string;
};

export type Sim = {
  n: number;
  name: string;
  base: string;
  token: string;
  machineId: string;
  entityId: string;
  configVersion: number;
  items: Map<string, WireFile>;
  nextFile: number;
  nextInode: number;
  scans: number;
  /** The last scan the server committed: the base of a delta report (none: the next report is the full inventory). */
  committed?: string;
};

/** What one scan moved: the entries added or changed and the keys removed (a delta report's content). */
type Moved = { entries: WireFile[]; removed: string[] };

type Ack = { machineId: string; scanId: string; expected: number; reported: number; duplicate: boolean };

/** What the agents did, read by the report (and the counters reset after the baseline). */
export const stats = {
  latencies: [] as number[],
  errors: new Map<string, number>(),
  acks: [] as Ack[],
  posts: 0,
  resends: 0,
  resendsOk: 0,
  resendsBad: 0,
  retries: 0,
  rejected: 0,
};

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
export const countError = (key: string) => stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function file(sim: Sim, k: number, version = 0): WireFile {
  const t = new Date(Date.UTC(2026, 10, 1) + k * 1000 + version).toISOString();
  return {
    itemKey: `/srv/app/${sim.name}/f${String(k).padStart(6, "0")}.conf`,
    entityId: sim.entityId,
    size: 1000 + ((k * 7 + version) % 5000),
    sha256: sha(`${sim.name}:${k}:${version}`),
    inode: sim.nextInode++,
    dateModified: t,
    dateCreated: t,
    acls: "-rw-r--r-- root root",
  };
}

/** Moves the synthetic machine on by exactly `changes` changes: 60 % modified, 20 % added, 20 % removed. */
function mutate(sim: Sim, changes: number): Moved {
  const added = Math.floor(changes / 5);
  const removed = Math.floor(changes / 5);
  const modified = changes - added - removed;
  const keys = [...sim.items.keys()];
  // Removed and modified are distinct items, chosen by a stride through the current inventory.
  const start = (sim.scans * 37) % keys.length;
  const count = removed + modified;
  const step = count * 3 <= keys.length ? 3 : 1; // distinct items: the stride never wraps onto itself
  const picks = Array.from({ length: count }, (_, j) => keys[(start + j * step) % keys.length]);
  const moved: Moved = { entries: [], removed: picks.slice(0, removed) };
  for (const k of moved.removed) sim.items.delete(k);
  for (const k of picks.slice(removed)) {
    const prev = sim.items.get(k)!;
    const v = sim.scans + 1;
    const next = {
      ...prev,
      sha256: sha(`${k}:${v}`),
      size: prev.size + 1,
      dateModified: new Date(Date.parse(prev.dateModified) + 1000).toISOString(),
    };
    sim.items.set(k, next);
    moved.entries.push(next);
  }
  for (let j = 0; j < added; j++) {
    const f = file(sim, sim.nextFile++);
    sim.items.set(f.itemKey, f);
    moved.entries.push(f);
  }
  return moved;
}

// The load generator shares the two cores with the server it measures: its own CPU is kept small. An entry's JSON
// text is made once (a changed item is a new object), and a body is the texts joined: 50 of 300 entries change a scan.
const entryJson = new WeakMap<WireFile, string>();
function jsonOf(f: WireFile): string {
  let text = entryJson.get(f);
  if (text === undefined) entryJson.set(f, (text = JSON.stringify(f)));
  return text;
}

/** The scan's report: the full inventory, or (given what moved, and a base) a delta against the base. */
export function scanBody(sim: Sim, scanId: string, moved?: Moved) {
  const now = new Date();
  const delta = moved && sim.committed !== undefined;
  const head = JSON.stringify({
    scanId,
    ...(delta ? { baseScanId: sim.committed, removed: moved.removed.map((itemKey) => ({ itemKey })) } : {}),
    changeType: "Files",
    startedAt: new Date(now.getTime() - 200).toISOString(),
    finishedAt: now.toISOString(),
    configVersion: sim.configVersion,
    entityIds: [sim.entityId],
    errors: [],
  });
  const entries = delta ? moved.entries.map(jsonOf) : Array.from(sim.items.values(), jsonOf);
  return `{"scans":[${head.slice(0, -1)},"entries":[${entries.join(",")}]}]}`;
}

// Plain HTTP/1.1 on kept-alive connections, as fetch does but with a fifth of its CPU a request.
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1024 });
function postJson(url: string, token: string, body: string): Promise<{ status: number; retryAfter: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: keepAlive,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: (res.headers["retry-after"] as string | undefined) ?? null,
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Posts until the server answers 2xx (a lost answer is resent as is: same scan id); refusals count as rejected. */
export async function postUntilAcked(sim: Sim, body: string, deadlineMs: number): Promise<TAgentScansResponse | null> {
  for (let attempt = 0; ; attempt++) {
    const t0 = performance.now();
    let wait = 0;
    try {
      stats.posts++;
      const res = await postJson(`${sim.base}/api/v1/agent/scans`, sim.token, body);
      stats.latencies.push(performance.now() - t0);
      if (res.status >= 200 && res.status < 300) return JSON.parse(res.text) as TAgentScansResponse;
      countError(String(res.status));
      if (res.status !== 429 && res.status < 500) {
        stats.rejected++;
        say(`agent ${sim.name}: ${res.status} ${res.text.slice(0, 300)}`);
        return null;
      }
      wait = res.status === 429 ? Number(res.retryAfter ?? 1) * 1000 : 0;
    } catch (e) {
      stats.latencies.push(performance.now() - t0);
      const err = e as { code?: string; cause?: { code?: string }; name: string };
      countError(`network ${err.code ?? err.cause?.code ?? err.name}`);
    }
    stats.retries++;
    if (Date.now() > deadlineMs) {
      say(`agent ${sim.name}: gave up resending after the grace period`);
      return null;
    }
    await sleep(wait || Math.min(5000, 100 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2));
  }
}

/**
 * One agent's scans until stopAt: `changes` a scan, every `resendEvery`-th scan sent twice (0: none); as deltas
 * against the last committed scan (`delta`, as the real agent does), else full inventories.
 */
export async function runAgent(
  sim: Sim,
  {
    stopAt,
    graceUntil,
    intervalMs,
    changes,
    resendEvery,
    delta,
  }: { stopAt: number; graceUntil: number; intervalMs: number; changes: number; resendEvery: number; delta: boolean },
) {
  let next = Date.now() + Math.random() * intervalMs; // spread the agents over one interval
  while (Date.now() < stopAt) {
    if (intervalMs > 0) {
      const delay = next - Date.now();
      if (delay > 0) await sleep(delay);
      if (Date.now() >= stopAt) break;
      next = Math.max(next + intervalMs, Date.now() - intervalMs); // behind schedule: no burst to catch up
    }
    const moved = mutate(sim, changes);
    const expected = moved.entries.length + moved.removed.length;
    sim.scans++;
    const scanId = `load-${sim.scans}-${crypto.randomBytes(3).toString("hex")}`;
    let body = scanBody(sim, scanId, delta ? moved : undefined);
    let r = await postUntilAcked(sim, body, graceUntil);
    if (r?.results[0].discardReason === "full_inventory_needed") {
      // The server's base is not ours (the real agent's answer too): the same scan id again, as the full inventory.
      countError("full inventory needed");
      body = scanBody(sim, scanId);
      r = await postUntilAcked(sim, body, graceUntil);
    }
    if (!r || r.results[0].discarded) break; // the agent's inventory is no longer known to match the server's: stop this agent
    sim.committed = scanId;
    const res = r.results[0];
    stats.acks.push({ machineId: sim.machineId, scanId, expected, reported: res.changes, duplicate: res.duplicate });
    if (resendEvery > 0 && sim.scans % resendEvery === 0) {
      stats.resends++;
      const again = await postUntilAcked(sim, body, graceUntil);
      if (again?.results[0].duplicate && again.results[0].changes === 0) stats.resendsOk++;
      else stats.resendsBad++;
    }
  }
}
