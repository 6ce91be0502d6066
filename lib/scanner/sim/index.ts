/**
 * # The simulated fleet
 *
 * Every seeded machine (Machine rows with agentKind SIMULATED) has a deterministic state that fits its OS, and an
 * activity model that changes it over time. The collector finds changes the way it does for real machines: it
 * scans the state at an instant (`simulateScan`) and diffs inventories. Nothing here writes change records.
 *
 * ## Determinism
 * The state at instant t is a pure function of (simSeed, OS, name, t): the base state at SIM_EPOCH (2026-01-01)
 * plus every event with time ≤ t. Events are generated day by day from a PRNG keyed by (seed, day), so the state
 * is the same on every install and across worker restarts. Software versions follow shared release streams
 * (package repositories, Patch Tuesday, Defender platform, CI builds), so machines on the same version report the
 * same hash and a distribution's patch day lands fleet-wide. Per machine, the base state, the event timeline and a
 * cursor per domain (files, registry, services) are memoised: moving forward applies only the new events, an
 * entity whose folders or keys did not change reuses its matches, and an unchanged state returns the cached scan.
 *
 * ## Base state
 * Linux (Ubuntu 20.04/22.04, RHEL 8/9): merged /usr (/bin, /sbin, /lib link to /usr) with the distribution's
 * packages and libraries, /etc/*.conf, sshd_config, crontab, passwd, sudoers, hosts, apt or dnf configuration,
 * cron.* and init.d scripts with real text, /boot with the kept kernels, in-house tools in /usr/local/bin, /opt/bin
 * on kafka and CI machines. Windows Server 2019/2022: the recommended files (autoexec.bat, boot.ini and config.sys
 * are absent, as on modern Windows), a System32 subset, drivers, Defender, IIS and SQL Server files by role; every
 * recommended registry key with realistic values (RunServices* absent); 40 to 50 services by role (AD DS, IIS, SQL
 * Server, RDS, Azure guest agent or Arc agents). With the recommended entities a Linux machine tracks about 400
 * files (each /usr binary twice, through /bin) and a Windows machine 5 files and about 190 registry items.
 *
 * ## Activity model (rates per machine)
 * Linux
 * - Upgrades: Ubuntu's unattended-upgrades runs daily at 06:00 local (security and updates), RHEL's dnf-automatic
 *   weekly at night, plus an admin's upgrade every 12 (Ubuntu) or 30 (RHEL) days. They install what the
 *   repository shipped: security batches weekly on Ubuntu and fortnightly on RHEL (about half of ~35 sensitive
 *   packages each), update batches monthly / six-weekly, a kernel every ~24 / ~35 days. Binaries and libraries are
 *   rewritten (size, SHA-256, dates, inode; seen twice through /bin and /sbin), kernels added to and removed from
 *   /boot, and drifted files (removed, chmod-ed) restored.
 * - NetworkManager rewrites /etc/resolv.conf 4 times a day on RHEL (systemd-resolved once a day on Ubuntu): new
 *   inode and dates, same content.
 * - CI/CD deploys a new build of an in-house tool in /usr/local/bin: 4/day on web, api and CI, 1–1.5 elsewhere.
 * - An admin edits sshd_config or an /etc config file 0.2/day (0.5 on bastions, sshd_config first); crontab and
 *   hosts 0.03/day, sudoers 0.01/day; a cron job appears in /etc/cron.* 0.04/day and goes 5–40 days later; an
 *   account is added to /etc/passwd 0.02/day (removed 3–30 days later; 5% of them a uid-0 backdoor).
 * - Rare: chmod 777 on a binary 0.012/day, a removed binary 0.015/day (both undone by the next upgrade); on one
 *   machine in ten, XOR.DDoS's /etc/cron.hourly/gcc.sh with its binary and init script, 0.03/day, cleaned in 1–5 days.
 * Windows
 * - Patch Tuesday: each machine installs the cumulative update at 02:00–04:00 local, 1–2 days after release (dev
 *   and test rings) or 4–9 days (production); about a third of System32 (nearly all core binaries) is rewritten
 *   and the Windows Update services run. Defender platform updates monthly, the Azure guest agent every ~3 weeks
 *   (service paths change); a Sysmon rollout installs two services once per machine during 2026.
 * - Interactive logons, 1.2/day (3 on domain controllers, 14 on RDS hosts) in working hours, add the user's hives
 *   to hivelist and set Winlogon LastUsedUsername; the logoff removes them and stamps LastLogOffEndTimePerfCounter.
 *   Application hives mount and unmount in hivelist 3 times a day; trigger-start services (BITS, wuauserv,
 *   TrustedInstaller, ...) start and stop 16 times a day; PsExec's service and binary appear for minutes 0.02–0.06/day.
 * - Rare: a firewall profile switched off for 1–6 hours 0.02/day, a service set to automatic start and back
 *   0.02/day, hosts edited 0.02/day, applicationHost.config or web.config edited 0.15/day on IIS, "Everyone:(F)"
 *   on hosts or utilman.exe 0.004/day; on one machine in eight a Run key "Updater" → C:\Users\Public\updater.exe
 *   with its dropper (0.03/day, cleaned in 1–4 days); on one in twelve a Winlogon Userinit tamper (0.02/day).
 *
 * Measured on the demo fleet over 30 days (sim.fleet.test.ts): one event every ~2.5 minutes across the 26 machines
 * of the three FIM-enabled workspaces; 2,800–4,300 change records per workspace with the recommended entities,
 * upgrade and patch days 3–5 times a median day; the whole 38-machine history (38,600 scans and diffs, including
 * the replay from the epoch) takes about 4–5 s of one core.
 */
import type { ChangeType } from "@/lib/domain/types";
import type { Domain } from "./activity";
import { simulatedMachine, type SimulatedMachine } from "./machine";
import type { SimMachine } from "./profile";
import { scanFiles } from "./scan-files";
import { scanRegistry, scanServices } from "./scan-registry";
import type { SimEntity, SimScanResult } from "./scan-types";

export type { SimMachine } from "./profile";
export type { SimEntity, SimScanError, SimScanResult } from "./scan-types";
export { SIM_EPOCH } from "./profile";
export { resetSimulation } from "./machine";

/** Does this entity belong to a scan of `changeType` on a machine of this OS? */
export function appliesTo(e: SimEntity, changeType: ChangeType, os: SimMachine["osFamily"]): boolean {
  if (!e.enabled) return false;
  if (changeType === "Files") {
    if (e.kind === "FILE_CONTENT") return e.path.startsWith("/") === (os === "LINUX");
    return e.kind === (os === "LINUX" ? "LINUX_FILE" : "WINDOWS_FILE");
  }
  if (os !== "WINDOWS") return false;
  return e.kind === (changeType === "Registry" ? "WINDOWS_REGISTRY" : "WINDOWS_SERVICE");
}

const entitiesKey = (es: readonly SimEntity[]) =>
  es
    .map(
      (e) =>
        `${e.id}\u0000${e.kind}\u0000${e.path}\u0000${e.pathType}\u0000${e.recursion}\u0000${e.valueName}\u0000${e.uploadContent}\u0000${e.links}`,
    )
    .join("\u0001");

/**
 * The inventory of a simulated machine at instant `at` for the enabled entities of one change type that apply to
 * its OS. Entries are shared, immutable objects (do not mutate them); every entry carries its entityId.
 */
export function simulateScan(machine: SimMachine, entities: readonly SimEntity[], changeType: ChangeType, at: Date): SimScanResult {
  const sim = simulatedMachine(machine);
  const applicable = entities.filter((e) => appliesTo(e, changeType, machine.osFamily));
  if (changeType !== "Files" && machine.osFamily !== "WINDOWS") return { entries: [], errors: [], contents: new Map() };
  const t = at.getTime();
  const cursor =
    changeType === "Files" ? sim.cursor("Files") : changeType === "Registry" ? sim.cursor("Registry") : sim.cursor("WindowsServices");
  cursor.moveTo(t);
  const key = entitiesKey(applicable);
  const cached = sim.scanCache.get(changeType);
  if (cached && cached.version === cursor.version && cached.entities === key) return copy(cached.result);

  const result =
    changeType === "Files"
      ? scanFiles(sim.cursor("Files").state, sim.profile, applicable)
      : changeType === "Registry"
        ? scanRegistry(sim.cursor("Registry").state, applicable)
        : scanServices(sim.cursor("WindowsServices").state, applicable);
  sim.scanCache.set(changeType, { version: cursor.version, entities: key, result });
  return copy(result);
}

const copy = (r: SimScanResult): SimScanResult => ({ entries: r.entries.slice(), errors: r.errors.slice(), contents: new Map(r.contents) });

const DOMAINS: Record<ChangeType, Domain> = { Files: "Files", Registry: "Registry", WindowsServices: "WindowsServices" };

/**
 * How many activity events touch the machine in (from, to]; 0 means every scan in that interval finds the same
 * state. With `changeType`, only events of that kind of data count (a service starting does not change files).
 */
export function activityBetween(machine: SimMachine, from: Date, to: Date, changeType?: ChangeType): number {
  const sim: SimulatedMachine = simulatedMachine(machine);
  const domains: Domain[] = changeType
    ? [DOMAINS[changeType]]
    : machine.osFamily === "WINDOWS"
      ? ["Files", "Registry", "WindowsServices"]
      : ["Files"];
  return sim.timeline.count(from.getTime(), to.getTime(), domains);
}
