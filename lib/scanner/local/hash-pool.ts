// A small pool of hashing threads (hash-worker.mjs) fed with batches of paths by the walking main thread.
// Bounded: each thread has at most two batches in flight (one running, one waiting, so it never idles on a
// round-trip), the walk pauses while too many batches wait, and an optional byte-rate budget shared by the
// threads keeps a scan from saturating the host's disk.
import { Worker } from "node:worker_threads";
import type { FileMeta } from "./entries";
import type { IoBudget } from "./types";
import { xattrModulePath } from "./xattrs";

/**
 * What a hashing thread found for one file: its hash (null when it could not be read, with code and message) and
 * the metadata of what it opened (hasMeta false when even that is unknown: the file is gone). One flat object
 * a file, so that a scan of 100,000 files makes as little garbage as possible on the walking thread.
 */
export interface HashOutcome extends FileMeta {
  sha: string | null;
  /** The MD5 of the same bytes, when the job asked for it. */
  md5: string | null;
  bytes: number;
  content: Uint8Array | null;
  code: string | null;
  message: string | null;
  hasMeta: boolean;
  /** Extended attributes the hashing thread read, as (name, value) pairs; null when it left them to the caller. */
  xattrs: [string, Uint8Array | null][] | null;
  xattrError: string | null;
}

export interface HashJob {
  path: string;
  /** Open through a symbolic link (Links: Follow); otherwise a link found at open time is refused. */
  follow: boolean;
  /** Keep the bytes when the file is at most maxUpload bytes. */
  upload: boolean;
  /** Also an MD5 of the bytes read (package attribution compares it with dpkg's shipped checksum). */
  md5?: boolean;
}

interface HashResponse {
  id: number;
  sha: (string | null)[];
  md5: (string | null)[];
  code: (string | null)[];
  message: (string | null)[];
  content: (Uint8Array | null)[];
  xattrs: ([string, Uint8Array | null][] | null)[];
  xattrError: (string | null)[];
  bytes: Float64Array;
  num: Float64Array;
  big: BigUint64Array;
}

interface Slot<J> {
  worker: Worker;
  inFlight: Map<number, J[]>;
}

const BATCH_FILES = 128;
/** Numbers per file in a response's `num` (mode, uid, gid, mtimeMs, ctimeMs, nlink), as hash-worker.mjs writes them. */
const NUM_FIELDS = 6;
const IN_FLIGHT_PER_WORKER = 2;
/** Batches waiting for a thread before the walk pauses: bounds memory when walking outruns reading. */
const MAX_QUEUED = 64;
const MAX_RESPAWNS = 3;
const WORKER_URL = new URL("./hash-worker.mjs", import.meta.url);

export interface HashPoolOptions<J extends HashJob> {
  workers: number;
  maxUpload: number;
  budget?: IoBudget;
  beforeHash?: (paths: readonly string[]) => void;
  /** Called once for every job added, on the main thread. */
  onResult: (job: J, outcome: HashOutcome) => void;
}

function outcomeAt(res: HashResponse, i: number): HashOutcome {
  const at = i * NUM_FIELDS;
  return {
    sha: res.sha[i],
    md5: res.md5[i],
    bytes: res.bytes[i],
    content: res.content[i],
    code: res.code[i],
    message: res.message[i],
    hasMeta: res.num[at] !== 0,
    xattrs: res.xattrs[i],
    xattrError: res.xattrError[i],
    mode: res.num[at],
    uid: res.num[at + 1],
    gid: res.num[at + 2],
    mtimeMs: res.num[at + 3],
    ctimeMs: res.num[at + 4],
    nlink: res.num[at + 5],
    ino: res.big[i * 2],
    size: res.big[i * 2 + 1],
  };
}

const failure = (message: string): HashOutcome => ({
  sha: null,
  md5: null,
  bytes: 0,
  content: null,
  code: null,
  message,
  hasMeta: false,
  xattrs: null,
  xattrError: null,
  mode: 0,
  uid: 0,
  gid: 0,
  mtimeMs: 0,
  ctimeMs: 0,
  nlink: 0,
  ino: 0n,
  size: 0n,
});

export class HashPool<J extends HashJob> {
  private readonly slots: Slot<J>[] = [];
  private readonly queue: J[][] = [];
  private batch: J[] = [];
  private nextId = 1;
  private pending = 0;
  private respawns = 0;
  private idle: (() => void) | null = null;
  private roomWaiters: (() => void)[] = [];
  private readonly workerData: Record<string, unknown>;

  constructor(private readonly opts: HashPoolOptions<J>) {
    const mbPerSec = opts.budget?.mbPerSec ?? 0;
    this.workerData = {
      nice: opts.budget?.nice ?? 0,
      bytesPerSec: mbPerSec > 0 ? mbPerSec * 1e6 : 0,
      budgetCounter: mbPerSec > 0 ? new SharedArrayBuffer(8) : null,
      startedAt: Date.now(),
      xattrModule: xattrModulePath(),
    };
    for (let i = 0; i < Math.max(1, opts.workers); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<J> {
    // No TypeScript loader or test-runner flags in the thread: it is plain JavaScript.
    const worker = new Worker(WORKER_URL, { execArgv: [], workerData: this.workerData });
    const slot: Slot<J> = { worker, inFlight: new Map() };
    worker.on("message", (res: HashResponse) => this.complete(slot, res));
    worker.on("error", (err) => this.lose(slot, `The hashing thread failed: ${err.message}`));
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) this.lose(slot, `The hashing thread exited with code ${code}`);
    });
    return slot;
  }

  /** Queues one file; a batch is sent when it is full. */
  add(job: J): void {
    if (this.slots.length === 0) {
      this.opts.onResult(job, failure("No hashing thread is left: the file was not read"));
      return;
    }
    this.pending++;
    this.batch.push(job);
    if (this.batch.length >= BATCH_FILES) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.queue.push(this.batch);
    this.batch = [];
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.inFlight.size < IN_FLIGHT_PER_WORKER);
      if (slot === undefined) break;
      this.send(slot, this.queue.shift()!);
    }
    if (this.queue.length <= MAX_QUEUED / 2) this.wakeRoomWaiters();
  }

  private wakeRoomWaiters(): void {
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /** Where the walk yields: lets results in, and holds the walk while too many batches wait for a thread. */
  room(): Promise<void> {
    if (this.queue.length < MAX_QUEUED || this.slots.length === 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  private send(slot: Slot<J>, jobs: J[]): void {
    this.opts.beforeHash?.(jobs.map((j) => j.path));
    const id = this.nextId++;
    slot.inFlight.set(id, jobs);
    slot.worker.postMessage({
      id,
      paths: jobs.map((j) => j.path),
      follow: Uint8Array.from(jobs, (j) => (j.follow ? 1 : 0)),
      upload: Uint8Array.from(jobs, (j) => (j.upload ? 1 : 0)),
      md5: Uint8Array.from(jobs, (j) => (j.md5 ? 1 : 0)),
      maxUpload: this.opts.maxUpload,
    });
  }

  private complete(slot: Slot<J>, res: HashResponse): void {
    const jobs = slot.inFlight.get(res.id);
    if (jobs === undefined) return;
    slot.inFlight.delete(res.id);
    for (let i = 0; i < jobs.length; i++) this.opts.onResult(jobs[i], outcomeAt(res, i));
    this.settle(jobs.length);
    this.dispatch();
  }

  /** A thread died: its batches fail with the reason (never the whole scan), and a new thread takes its place. */
  private lose(slot: Slot<J>, message: string): void {
    const at = this.slots.indexOf(slot);
    if (at === -1) return;
    this.slots.splice(at, 1);
    void slot.worker.terminate();
    const failed = [...slot.inFlight.values()];
    slot.inFlight.clear();
    if (this.respawns < MAX_RESPAWNS) {
      this.respawns++;
      this.slots.push(this.spawn());
    } else if (this.slots.length === 0) {
      failed.push(...this.queue.splice(0));
    }
    let n = 0;
    for (const jobs of failed) {
      for (const job of jobs) this.opts.onResult(job, failure(message));
      n += jobs.length;
    }
    this.settle(n);
    this.dispatch();
    if (this.slots.length === 0) this.wakeRoomWaiters();
  }

  private settle(n: number): void {
    this.pending -= n;
    if (this.pending === 0 && this.idle !== null) {
      const resolve = this.idle;
      this.idle = null;
      resolve();
    }
  }

  /** Sends the last partial batch and resolves when every queued file has its outcome. */
  drain(): Promise<void> {
    this.flush();
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  async close(): Promise<void> {
    this.wakeRoomWaiters();
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
