// Shared shapes of the activity model: generators decide when events happen (per day, from the machine's seed);
// each event is one or more effects (timed state changes of one domain) that re-derive their choices from the
// event's seed, so replaying the same effects always yields the same state.
import type { FileTree } from "./fs";
import type { LinuxPackage } from "./linux-base";
import { DAY_MS, HOUR_MS, type Profile } from "./profile";
import type { Rng } from "./prng";
import type { RegistryTree, ServiceTable } from "./reg-state";
import type { TextTemplate } from "./text";

export type Domain = "Files" | "Registry" | "WindowsServices";

/** What a machine looks like at the simulation epoch, plus the static facts its events need. */
export interface MachineBase {
  profile: Profile;
  files: FileTree;
  registry: RegistryTree | null;
  services: ServiceTable | null;
  /** Text templates by file path (the files an edit can change). */
  templates: ReadonlyMap<string, TextTemplate>;
  /** Linux: installed packages. */
  packages: ReadonlyMap<string, LinuxPackage>;
  /** Windows: OS binaries patched by cumulative updates. */
  osPaths: readonly string[];
}

export interface EffectCtx {
  /** Instant of the effect (ms). */
  t: number;
  /** The event's seed, shared by all its effects. */
  seed: number;
  base: MachineBase;
}

export type EffectDef =
  | { domain: "Files"; apply: (fs: FileTree, c: EffectCtx) => void }
  | { domain: "Registry"; apply: (reg: RegistryTree, c: EffectCtx) => void }
  | { domain: "WindowsServices"; apply: (svc: ServiceTable, c: EffectCtx) => void };

/** When in the machine's local day events of a kind happen. */
export type DayPart = "business" | "night" | "any";

export interface Generator {
  name: string;
  /** Expected events a day on this machine (Poisson); 0 means never. */
  rate?: (p: Profile) => number;
  when?: DayPart;
  /** Scheduled events (instead of a rate): their instants within [dayStart, dayStart + 1 day). */
  schedule?: (p: Profile, dayStart: number) => number[];
  /** The effects of one event at t: [effect name, instant]; `rng` is the event's own stream (delays). */
  effects: (t: number, rng: Rng, p: Profile) => readonly (readonly [string, number])[];
}

/** A random instant of the day in the machine's local working hours, maintenance night, or anywhere. */
export function instantIn(rng: Rng, dayStart: number, part: DayPart, p: Profile): number {
  const local = (h: number) => dayStart + (h - p.tz) * HOUR_MS;
  let t: number;
  if (part === "business")
    t = local(8) + (rng.next() + rng.next()) * 0.5 * 10 * HOUR_MS; // 08:00-18:00, peaking mid-day
  else if (part === "night") t = local(1) + rng.next() * 4 * HOUR_MS;
  else t = dayStart + rng.next() * DAY_MS;
  // Keep the instant inside its day bucket (time zones shift local hours across UTC midnight).
  const within = ((Math.round(t - dayStart) % DAY_MS) + DAY_MS) % DAY_MS;
  return dayStart + within;
}

/** Weekends are quiet for people (admins, deployments), not for machines. */
export const isWeekend = (dayStart: number, p: Profile) => {
  const d = new Date(dayStart + 12 * HOUR_MS + p.tz * HOUR_MS).getUTCDay();
  return d === 0 || d === 6;
};
