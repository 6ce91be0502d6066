// The event timeline of one machine and the cursors that replay it. Days are generated once, in order, from the
// machine's seed; each effect lands in the lane of its domain (files, registry, services), sorted by time. A
// cursor holds the state of one domain at an instant and moves forward by applying the effects in between; going
// back past an effect replays from the base state (cheap: a year is a few thousand effects).
import { type Domain, type EffectDef, type Generator, instantIn, isWeekend, type MachineBase } from "./activity";
import { FileTree } from "./fs";
import { LINUX_EFFECTS, LINUX_GENERATORS } from "./linux-activity";
import { hash32, Rng } from "./prng";
import { DAY_MS, SIM_EPOCH, type Profile } from "./profile";
import { RegistryTree, ServiceTable } from "./reg-state";
import { WINDOWS_EFFECTS, WINDOWS_GENERATORS } from "./windows-activity";

export const EFFECT_NAMES = [...Object.keys(LINUX_EFFECTS), ...Object.keys(WINDOWS_EFFECTS)];
if (new Set(EFFECT_NAMES).size !== EFFECT_NAMES.length) throw new Error("Linux and Windows effects must have distinct names");
const EFFECTS: EffectDef[] = EFFECT_NAMES.map((n) => LINUX_EFFECTS[n] ?? WINDOWS_EFFECTS[n]);
const EFFECT_INDEX = new Map(EFFECT_NAMES.map((n, i) => [n, i]));

interface Lane {
  t: number[];
  k: number[];
  s: number[];
}

interface Pending {
  t: number;
  k: number;
  s: number;
}

/** Days generated past the one asked for, so live scans do not regenerate every call. */
const CHUNK_DAYS = 7;
const FIRST_DAY = Math.floor(SIM_EPOCH / DAY_MS);

export class Timeline {
  readonly lanes: Record<Domain, Lane> = { Files: emptyLane(), Registry: emptyLane(), WindowsServices: emptyLane() };
  private throughDay = FIRST_DAY - 1;
  private pending: Pending[] = [];
  private readonly generators: readonly Generator[];

  constructor(private readonly profile: Profile) {
    this.generators = profile.os === "WINDOWS" ? WINDOWS_GENERATORS : LINUX_GENERATORS;
  }

  /** Makes every effect at or before `at` final and present in the lanes. */
  ensure(at: number): void {
    const day = Math.floor(at / DAY_MS);
    if (day <= this.throughDay) return;
    const target = day + CHUNK_DAYS;
    const fresh = this.pending;
    for (let d = this.throughDay + 1; d <= target; d++) this.generateDay(d, fresh);
    // Stable sort: ties keep generation order, so the order never depends on how the days were chunked.
    fresh.sort((a, b) => a.t - b.t);
    const end = (target + 1) * DAY_MS;
    this.pending = [];
    for (const e of fresh) {
      if (e.t >= end) {
        this.pending.push(e);
        continue;
      }
      const lane = this.lanes[EFFECTS[e.k].domain];
      lane.t.push(e.t);
      lane.k.push(e.k);
      lane.s.push(e.s);
    }
    this.throughDay = target;
  }

  /** Instants of the effects named `name` in (from, to] (tests look up events this way). */
  instantsOf(name: string, from: number, to: number): number[] {
    const k = EFFECT_INDEX.get(name);
    if (k === undefined) throw new Error(`unknown effect ${name}`);
    this.ensure(to);
    const lane = this.lanes[EFFECTS[k].domain];
    const out: number[] = [];
    for (let i = upperBound(lane.t, from); i < lane.t.length && lane.t[i] <= to; i++) if (lane.k[i] === k) out.push(lane.t[i]);
    return out;
  }

  /** Effects in (from, to] of the given domains. */
  count(from: number, to: number, domains: readonly Domain[]): number {
    if (to <= from) return 0;
    this.ensure(to);
    let n = 0;
    for (const d of domains) n += upperBound(this.lanes[d].t, to) - upperBound(this.lanes[d].t, from);
    return n;
  }

  private generateDay(day: number, out: Pending[]): void {
    const p = this.profile;
    const dayStart = day * DAY_MS;
    const rng = new Rng(hash32(p.seed, "day", day));
    const weekend = isWeekend(dayStart, p);
    for (const g of this.generators) {
      let times: number[];
      if (g.schedule) times = g.schedule(p, dayStart);
      else {
        const rate = (g.rate?.(p) ?? 0) * (weekend && g.when === "business" ? 0.15 : 1);
        const n = rng.poisson(rate);
        times = [];
        for (let i = 0; i < n; i++) times.push(instantIn(rng, dayStart, g.when ?? "any", p));
      }
      for (const t of times) {
        const seed = rng.u32();
        for (const [name, at] of g.effects(Math.round(t), new Rng(seed), p)) {
          out.push({ t: Math.max(Math.round(at), Math.round(t)), k: EFFECT_INDEX.get(name)!, s: seed });
        }
      }
    }
  }
}

const emptyLane = (): Lane => ({ t: [], k: [], s: [] });

/** Index of the first element greater than x in a sorted array. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let versionCounter = 0;

type DomainState = FileTree | RegistryTree | ServiceTable;

/** The state of one domain of one machine at an instant. */
export class Cursor<S extends DomainState> {
  state: S;
  /** Bumped on every change, so cached scan results know when they are stale. */
  version = ++versionCounter;
  private at = Number.NEGATIVE_INFINITY;
  private next = 0;

  constructor(
    private readonly domain: Domain,
    private readonly initial: S,
    private readonly base: MachineBase,
    private readonly timeline: Timeline,
  ) {
    this.state = initial.clone() as S;
  }

  /** Moves to instant `to`: the base state plus every effect of this domain with time ≤ to. */
  moveTo(to: number): S {
    this.timeline.ensure(to);
    const lane = this.timeline.lanes[this.domain];
    if (to < this.at && this.next > 0 && lane.t[this.next - 1] > to) {
      this.state = this.initial.clone() as S;
      this.next = 0;
      this.version = ++versionCounter;
    }
    while (this.next < lane.t.length && lane.t[this.next] <= to) {
      const def = EFFECTS[lane.k[this.next]];
      const ctx = { t: lane.t[this.next], seed: lane.s[this.next], base: this.base };
      if (def.domain === "Files") def.apply(this.state as FileTree, ctx);
      else if (def.domain === "Registry") def.apply(this.state as RegistryTree, ctx);
      else def.apply(this.state as ServiceTable, ctx);
      this.next++;
      this.version = ++versionCounter;
    }
    this.at = to;
    return this.state;
  }
}
