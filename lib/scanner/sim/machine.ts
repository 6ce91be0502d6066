// One simulated machine: its base state (built once), its timeline and one cursor per domain. Memoised by the
// machine's identity so a worker scanning the fleet every few minutes applies only the new events.
import type { Domain, MachineBase } from "./activity";
import type { FileTree } from "./fs";
import { buildLinux } from "./linux-base";
import { hash32 } from "./prng";
import { DAY_MS, SIM_EPOCH, profileKey, profileOf, type Profile, type SimMachine } from "./profile";
import type { RegistryTree, ServiceTable } from "./reg-state";
import { releaseIndex, releaseTime } from "./repo";
import type { CachedScan } from "./scan-types";
import { Cursor, Timeline } from "./timeline";
import { DEFENDER, GUEST_AGENT } from "./windows-activity";
import { buildWindowsFiles } from "./windows-files";
import { buildWindowsRegistry } from "./windows-registry";
import { buildServices, defenderVersion, guestAgentPath } from "./windows-services";

export class SimulatedMachine {
  readonly base: MachineBase;
  readonly timeline: Timeline;
  private readonly cursors = new Map<Domain, Cursor<FileTree | RegistryTree | ServiceTable>>();
  /** Last scan result per change type: reused while the state and the entities are unchanged. */
  readonly scanCache = new Map<string, CachedScan>();

  constructor(readonly profile: Profile) {
    this.base = buildBase(profile);
    this.timeline = new Timeline(profile);
  }

  cursor(domain: "Files"): Cursor<FileTree>;
  cursor(domain: "Registry"): Cursor<RegistryTree>;
  cursor(domain: "WindowsServices"): Cursor<ServiceTable>;
  cursor(domain: Domain): Cursor<FileTree | RegistryTree | ServiceTable> {
    let c = this.cursors.get(domain);
    if (!c) {
      const initial = domain === "Files" ? this.base.files : domain === "Registry" ? this.base.registry : this.base.services;
      if (!initial) throw new Error(`${this.profile.name} has no ${domain} state`);
      c = new Cursor(domain, initial, this.base, this.timeline);
      this.cursors.set(domain, c);
    }
    return c;
  }
}

function buildBase(p: Profile): MachineBase {
  if (p.os === "LINUX") {
    const linux = buildLinux(p);
    return {
      profile: p,
      files: linux.tree,
      registry: null,
      services: null,
      templates: linux.templates,
      packages: linux.packages,
      osPaths: [],
    };
  }
  const win = buildWindowsFiles(p);
  const lag = (1 + (hash32(p.seed, "defender") % 3)) * DAY_MS;
  const defender = defenderVersion(new Date(releaseTime(DEFENDER, releaseIndex(DEFENDER, SIM_EPOCH - lag))));
  const ga = releaseIndex(GUEST_AGENT, SIM_EPOCH - lag);
  const guestAgent = guestAgentPath(ga, new Date(releaseTime(GUEST_AGENT, ga)));
  return {
    profile: p,
    files: win.tree,
    registry: buildWindowsRegistry(p),
    services: buildServices(p, defender, guestAgent),
    templates: win.templates,
    packages: new Map(),
    osPaths: win.osPaths,
  };
}

const MAX_MACHINES = 512;
const machines = new Map<string, SimulatedMachine>();

export function simulatedMachine(m: SimMachine): SimulatedMachine {
  const key = profileKey(m);
  let sim = machines.get(key);
  if (!sim) {
    if (machines.size >= MAX_MACHINES) machines.delete(machines.keys().next().value!);
    sim = new SimulatedMachine(profileOf(m));
    machines.set(key, sim);
  }
  return sim;
}

/** Forgets every memoised machine: the next scan rebuilds from the base state (tests: a fresh install). */
export function resetSimulation(): void {
  machines.clear();
}
