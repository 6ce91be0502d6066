// Release streams of the software the fleet runs: package repositories, Windows cumulative updates, the Defender
// platform, the Azure guest agent, in-house builds. A machine installs "the latest release at the instant it
// upgrades", so two machines on the same version report the same hash, as real fleets do.
import { hash32 } from "./prng";
import { DAY_MS, HOUR_MS } from "./profile";

/** Release numbering starts here, so indexes stay positive. */
const ORIGIN = Date.UTC(2020, 0, 1);

/**
 * A release stream. Releases come out in batches on a shared calendar (a distribution's security advisories, a
 * vendor's release train), every `everyDays` with up to a sixth of the interval of jitter; a stream ships in a
 * batch with probability `share`. Machines of one distribution therefore get the same packages on the same days:
 * patch days are visible fleet-wide.
 */
export interface Stream {
  key: string;
  calendar: string;
  everyDays: number;
  share: number;
}

export const stream = (key: string, everyDays: number, calendar = key, share = 1): Stream => ({ key, calendar, everyDays, share });

/** When batch b of a calendar comes out. */
export function releaseTime(s: Stream, b: number): number {
  const every = s.everyDays * DAY_MS;
  const jitter = hash32(s.calendar, b) % Math.max(1, Math.floor(every / 6));
  return ORIGIN + phaseOf(s) + b * every + jitter;
}

const ships = (s: Stream, b: number) => s.share >= 1 || hash32(s.key, b) % 10_000 < s.share * 10_000;

const phases = new Map<string, number>();
const shipped = new Map<string, number>();

function phaseOf(s: Stream): number {
  let p = phases.get(s.calendar);
  if (p === undefined) phases.set(s.calendar, (p = hash32(s.calendar, "phase") % (s.everyDays * DAY_MS)));
  return p;
}

/** The latest batch ≤ b this stream shipped in (memoised: upgrades ask it for every package). */
function latestShipped(s: Stream, b: number): number {
  if (s.share >= 1 || b < 0) return b;
  const key = `${s.key}|${b}`;
  let r = shipped.get(key);
  if (r === undefined) {
    r = b;
    while (r >= 0 && !ships(s, r)) r--;
    if (shipped.size > 200_000) shipped.clear();
    shipped.set(key, r);
  }
  return r;
}

/** The latest batch (≤ t) this stream shipped in; -1 before the first. Release "versions" are batch indexes. */
export function releaseIndex(s: Stream, t: number): number {
  let b = Math.floor((t - ORIGIN - phaseOf(s)) / (s.everyDays * DAY_MS));
  if (b >= 0 && releaseTime(s, b) > t) b--;
  return latestShipped(s, b);
}

/** Second Tuesday of a UTC month (Microsoft's monthly security update), 17:00 UTC. */
export function patchTuesday(year: number, month: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const firstTuesday = 1 + ((2 - first + 7) % 7);
  return Date.UTC(year, month, firstTuesday + 7, 17);
}

/** Cumulative update index at instant t: patch Tuesdays since 2020 (-1 before). */
export function cumulativeUpdateIndex(t: number): number {
  const d = new Date(t);
  let k = (d.getUTCFullYear() - 2020) * 12 + d.getUTCMonth();
  if (patchTuesday(d.getUTCFullYear(), d.getUTCMonth()) > t) k--;
  return k;
}

export function cumulativeUpdateTime(k: number): number {
  return patchTuesday(2020 + Math.floor(k / 12), k % 12);
}

/** When a file of an update was built: a week before the update ships, at a round-ish hour. */
export const buildTime = (releasedAt: number, key: string) =>
  releasedAt - (5 + (hash32(key, "build") % 5)) * DAY_MS - (hash32(key, "h") % 12) * HOUR_MS;
