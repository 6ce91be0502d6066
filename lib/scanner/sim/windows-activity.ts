// Windows activity: Patch Tuesday (each machine installs the cumulative update in its ring's maintenance night,
// rewriting many System32 binaries), Defender platform and Azure guest agent updates (service paths change),
// interactive logons (Winlogon and hivelist values), application hives mounted and unmounted, trigger-start
// services starting and stopping all day, PsExec, a Sysmon rollout, and the rare incidents: a Run key persistence
// with its dropper, a Winlogon Userinit tamper, a firewall profile switched off, a service set to automatic start.
import { type EffectCtx, type EffectDef, type Generator } from "./activity";
import { eventRng, editTextFile } from "./edits";
import type { FileTree } from "./fs";
import { hash32, identityHash } from "./prng";
import { DAY_MS, HOUR_MS, MINUTE_MS, SIM_EPOCH, type Profile, hasRole } from "./profile";
import type { RegistryTree, ServiceTable } from "./reg-state";
import { cumulativeUpdateIndex, cumulativeUpdateTime, releaseIndex, releaseTime, stream, type Stream } from "./repo";
import { ACL_PUBLIC, lastUpdateOf, osBinary, patchRingDays } from "./windows-files";
import { FIREWALL, HIVELIST, profileFolder, RUN, userSid, volume, WINLOGON } from "./windows-registry";
import { defenderVersion, FLAPPING, guestAgentPath, STARTUP_TARGETS } from "./windows-services";

const files = (apply: (fs: FileTree, c: EffectCtx) => void): EffectDef => ({ domain: "Files", apply });
const registry = (apply: (r: RegistryTree, c: EffectCtx) => void): EffectDef => ({ domain: "Registry", apply });
const services = (apply: (s: ServiceTable, c: EffectCtx) => void): EffectDef => ({ domain: "WindowsServices", apply });

export const DEFENDER = stream("defender-platform", 30);
export const GUEST_AGENT = stream("azure-guest-agent", 21);

const logonUser = (c: EffectCtx) => {
  const users = c.base.profile.users;
  // Admin accounts log on far more often than the break-glass local account.
  return hash32(c.seed, "user") % 10 === 0 ? users[users.length - 1] : users[hash32(c.seed, "who") % Math.max(1, users.length - 1)];
};

const guid = (seed: number) => {
  const h = identityHash("apphive", seed).toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
};

const DROPPER = "C:\\Users\\Public\\updater.exe";
const PSEXEC = "C:\\Windows\\PSEXESVC.exe";

export const WINDOWS_EFFECTS: Record<string, EffectDef> = {
  "cu-install": files((fs, c) => {
    const p = c.base.profile;
    const k = cumulativeUpdateIndex(c.t);
    const current = fs.meta.get("cu") ?? k;
    if (k <= current && fs.drift.size === 0) return;
    let at = c.t - 30 * MINUTE_MS;
    for (const path of c.base.osPaths) {
      at += 1500;
      if (lastUpdateOf(p.release, path, k) !== lastUpdateOf(p.release, path, current) || fs.drift.has(path) || !fs.get(path)) {
        fs.put(path, osBinary(p, path, k, Math.min(at, c.t)));
        fs.drift.delete(path);
      }
    }
    fs.meta.set("cu", Math.max(k, current));
  }),
  "win-hosts-edit": files((fs, c) => {
    const path = "C:\\Windows\\System32\\drivers\\etc\\hosts";
    editTextFile(fs, path, c.base.templates.get(path), eventRng(c.seed, "hosts"), c.t);
  }),
  "iis-config-edit": files((fs, c) => {
    const rng = eventRng(c.seed, "iis");
    const path = rng.chance(0.7) ? "C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config" : "C:\\inetpub\\wwwroot\\web.config";
    editTextFile(fs, path, c.base.templates.get(path), rng, c.t);
  }),
  "acl-loosen": files((fs, c) => {
    const path = hash32(c.seed, "acl") % 2 === 0 ? "C:\\Windows\\System32\\drivers\\etc\\hosts" : "C:\\Windows\\System32\\utilman.exe";
    const node = fs.get(path);
    if (node && !node.acls.includes("Everyone:(F)")) fs.put(path, { ...node, acls: `${node.acls} Everyone:(F)` });
  }),
  "acl-restore": files((fs, c) => {
    const path = hash32(c.seed, "acl") % 2 === 0 ? "C:\\Windows\\System32\\drivers\\etc\\hosts" : "C:\\Windows\\System32\\utilman.exe";
    const node = fs.get(path);
    if (node) fs.put(path, { ...node, acls: node.acls.replace(" Everyone:(F)", "") });
  }),
  "dropper-add": files((fs, c) => {
    fs.put(DROPPER, {
      type: "file",
      size: 73_216n,
      sha256: identityHash("updater", c.seed),
      acls: ACL_PUBLIC,
      attributes: "Archive",
      inode: null,
      created: c.t,
      modified: c.t - 3 * DAY_MS,
    });
  }),
  "dropper-remove": files((fs) => void fs.remove(DROPPER)),
  "psexec-file-add": files((fs, c) => {
    fs.put(PSEXEC, {
      type: "file",
      size: 196_008n,
      sha256: identityHash("psexesvc", "2.43"),
      acls: "BUILTIN\\Administrators:(I)(F) NT AUTHORITY\\SYSTEM:(I)(F) BUILTIN\\Users:(I)(RX)",
      attributes: "Archive",
      inode: null,
      created: c.t,
      modified: Date.UTC(2023, 3, 11),
    });
  }),
  "psexec-file-remove": files((fs) => void fs.remove(PSEXEC)),

  logon: registry((r, c) => {
    const user = logonUser(c);
    const sid = userSid(c.base.profile, user);
    if (r.counter(`session:${sid}`, 1) === 1) {
      const folder = profileFolder(user);
      r.setValue(HIVELIST, `\\REGISTRY\\USER\\${sid}`, "REG_SZ", `\\??\\C:\\Users\\${folder}\\NTUSER.DAT`);
      r.setValue(
        HIVELIST,
        `\\REGISTRY\\USER\\${sid}_Classes`,
        "REG_SZ",
        `\\??\\C:\\Users\\${folder}\\AppData\\Local\\Microsoft\\Windows\\UsrClass.dat`,
      );
    }
    r.setValue(WINLOGON, "LastUsedUsername", "REG_SZ", user);
  }),
  logoff: registry((r, c) => {
    const sid = userSid(c.base.profile, logonUser(c));
    if ((r.meta.get(`session:${sid}`) ?? 0) <= 0) return;
    if (r.counter(`session:${sid}`, -1) === 0) {
      r.deleteValue(HIVELIST, `\\REGISTRY\\USER\\${sid}`);
      r.deleteValue(HIVELIST, `\\REGISTRY\\USER\\${sid}_Classes`);
    }
    r.setValue(WINLOGON, "LastLogOffEndTimePerfCounter", "REG_QWORD", String(Math.round((c.t - SIM_EPOCH) / 100) + 9_000_000_000));
  }),
  "apphive-load": registry((r, c) => {
    const v = volume(c.base.profile);
    const file =
      hash32(c.seed, "hive") % 3 === 0
        ? `${v}\\ProgramData\\Microsoft\\Windows\\AppRepository\\Packages\\Microsoft.Windows.ShellExperienceHost_10.0.20348.1_neutral_neutral_cw5n1h2txyewy\\ActivationStore.dat`
        : `${v}\\Windows\\AppCompat\\Programs\\Amcache.hve`;
    r.setValue(HIVELIST, `\\REGISTRY\\A\\${guid(c.seed)}`, "REG_SZ", file);
  }),
  "apphive-unload": registry((r, c) => r.deleteValue(HIVELIST, `\\REGISTRY\\A\\${guid(c.seed)}`)),
  "runkey-add": registry((r) => r.setValue(RUN, "Updater", "REG_SZ", `"${DROPPER}" /silent`)),
  "runkey-remove": registry((r) => r.deleteValue(RUN, "Updater")),
  "userinit-tamper": registry((r) =>
    r.setValue(WINLOGON, "Userinit", "REG_SZ", "C:\\Windows\\system32\\userinit.exe,C:\\ProgramData\\Microsoft\\Network\\svchost32.exe,"),
  ),
  "userinit-restore": registry((r) => r.setValue(WINLOGON, "Userinit", "REG_SZ", "C:\\Windows\\system32\\userinit.exe,")),
  "firewall-off": registry((r, c) => r.setValue(`${FIREWALL}\\${firewallProfile(c.seed)}`, "EnableFirewall", "REG_DWORD", "0")),
  "firewall-on": registry((r, c) => r.setValue(`${FIREWALL}\\${firewallProfile(c.seed)}`, "EnableFirewall", "REG_DWORD", "1")),

  "svc-start": services((s, c) => {
    const svc = s.get(FLAPPING[hash32(c.seed, "svc") % FLAPPING.length]);
    if (svc && svc.startupType !== "Disabled") s.update(svc.name, { state: "Running" });
  }),
  "svc-stop": services((s, c) => s.update(FLAPPING[hash32(c.seed, "svc") % FLAPPING.length], { state: "Stopped" })),
  "patch-services-start": services((s) => ["TrustedInstaller", "wuauserv", "UsoSvc"].forEach((n) => s.update(n, { state: "Running" }))),
  "patch-services-stop": services((s) => ["TrustedInstaller", "wuauserv", "UsoSvc"].forEach((n) => s.update(n, { state: "Stopped" }))),
  "svc-auto": services((s, c) => {
    const present = STARTUP_TARGETS.filter((n) => s.get(n) && s.get(n)!.startupType !== "Auto");
    const name = present[hash32(c.seed, "auto") % Math.max(1, present.length)];
    if (!name) return;
    s.meta.set(`auto:${c.seed}`, STARTUP_TARGETS.indexOf(name));
    s.meta.set(`was:${c.seed}`, s.get(name)!.startupType === "Disabled" ? 2 : 1);
    s.update(name, { startupType: "Auto", state: "Running" });
  }),
  "svc-revert": services((s, c) => {
    const i = s.meta.get(`auto:${c.seed}`);
    if (i === undefined) return;
    const disabled = s.meta.get(`was:${c.seed}`) === 2;
    s.meta.delete(`auto:${c.seed}`);
    s.meta.delete(`was:${c.seed}`);
    s.update(STARTUP_TARGETS[i], { startupType: disabled ? "Disabled" : "Manual", state: "Stopped" });
  }),
  "psexec-add": services((s) =>
    s.put({
      name: "PSEXESVC",
      displayName: "PSEXESVC",
      startupType: "Manual",
      state: "Running",
      path: "%SystemRoot%\\PSEXESVC.exe",
      account: "LocalSystem",
    }),
  ),
  "psexec-remove": services((s) => s.remove("PSEXESVC")),
  "sysmon-install": services((s) => {
    s.put({
      name: "Sysmon64",
      displayName: "Sysmon64",
      startupType: "Auto",
      state: "Running",
      path: "C:\\Windows\\Sysmon64.exe",
      account: "LocalSystem",
    });
    s.put({ name: "SysmonDrv", displayName: "SysmonDrv", startupType: "Auto", state: "Running", path: "SysmonDrv.sys", account: "" });
  }),
  "defender-update": services((s, c) => {
    const version = defenderVersion(new Date(releaseTime(DEFENDER, releaseIndex(DEFENDER, c.t))));
    for (const name of ["WinDefend", "WdNisSvc"]) {
      const svc = s.get(name);
      if (svc) s.update(name, { path: svc.path.replace(/Platform\\[^\\]+\\/, `Platform\\${version}\\`) });
    }
  }),
  "guest-agent-update": services((s, c) => {
    const k = releaseIndex(GUEST_AGENT, c.t);
    const path = guestAgentPath(k, new Date(releaseTime(GUEST_AGENT, k)));
    s.update("WindowsAzureGuestAgent", { path });
    s.update("RdAgent", { path: path.replace("WindowsAzureGuestAgent.exe", "WaAppAgent.exe") });
  }),
};

const firewallProfile = (seed: number) => (["DomainProfile", "PublicProfile", "StandardProfile"] as const)[hash32(seed, "fw") % 3];

const once =
  (name: string): Generator["effects"] =>
  (t) => [[name, t]];
const pair =
  (add: string, remove: string, minMs: number, maxMs: number): Generator["effects"] =>
  (t, rng) => [
    [add, t],
    [remove, t + Math.round(rng.range(minMs, maxMs))],
  ];

/** Instants within the day of releases of a stream plus this machine's delay (automatic updates). */
function afterRelease(s: Stream, p: Profile, dayStart: number, minDelay: number, maxDelay: number): number[] {
  const out: number[] = [];
  const latest = releaseIndex(s, dayStart + DAY_MS);
  for (let k = latest; k >= 0 && k > latest - 3; k--) {
    const t = releaseTime(s, k) + minDelay + (hash32(p.seed, s.key, k) % Math.max(1, maxDelay - minDelay));
    if (t >= dayStart && t < dayStart + DAY_MS) out.push(t);
  }
  return out;
}

export const WINDOWS_GENERATORS: readonly Generator[] = [
  {
    name: "patch-tuesday",
    schedule: (p, dayStart) => {
      const k = cumulativeUpdateIndex(dayStart + DAY_MS);
      const day = cumulativeUpdateTime(k) + patchRingDays(p, k) * DAY_MS;
      const night = day - (day % DAY_MS) + (((((2 - p.tz) * HOUR_MS + (hash32(p.seed, k) % 7200) * 1000) % DAY_MS) + DAY_MS) % DAY_MS);
      return night >= dayStart && night < dayStart + DAY_MS ? [night] : [];
    },
    effects: (t) => [
      ["patch-services-start", t],
      ["cu-install", t + 35 * MINUTE_MS],
      ["patch-services-stop", t + 70 * MINUTE_MS],
    ],
  },
  { name: "defender-update", schedule: (p, d) => afterRelease(DEFENDER, p, d, 6 * HOUR_MS, 3 * DAY_MS), effects: once("defender-update") },
  {
    name: "guest-agent-update",
    schedule: (p, d) => (p.cloud === "azure" ? afterRelease(GUEST_AGENT, p, d, HOUR_MS, 4 * DAY_MS) : []),
    effects: once("guest-agent-update"),
  },
  {
    // Sysmon rolled out across the fleet over a few months, once per machine.
    name: "sysmon-rollout",
    schedule: (p, dayStart) => {
      const at = SIM_EPOCH + (200 + (hash32(p.seed, "sysmon") % 300)) * DAY_MS + (hash32(p.seed, "sysmon-h") % 36_000) * 1000;
      return at >= dayStart && at < dayStart + DAY_MS ? [at] : [];
    },
    effects: once("sysmon-install"),
  },
  {
    name: "logon",
    rate: (p) => (hasRole(p, "rds") ? 14 : hasRole(p, "dc") ? 3 : 1.2),
    when: "business",
    effects: pair("logon", "logoff", 20 * MINUTE_MS, 9 * HOUR_MS),
  },
  { name: "apphive", rate: () => 3, when: "any", effects: pair("apphive-load", "apphive-unload", 10 * MINUTE_MS, 3 * HOUR_MS) },
  { name: "service-flap", rate: () => 16, when: "any", effects: pair("svc-start", "svc-stop", 3 * MINUTE_MS, 90 * MINUTE_MS) },
  { name: "service-auto", rate: () => 0.02, when: "business", effects: pair("svc-auto", "svc-revert", 2 * DAY_MS, 20 * DAY_MS) },
  {
    name: "psexec",
    rate: (p) => (hasRole(p, "dc", "fs", "sql", "rds") ? 0.06 : 0.02),
    when: "business",
    effects: (t, rng) => {
      const end = t + Math.round(rng.range(2 * MINUTE_MS, 40 * MINUTE_MS));
      return [
        ["psexec-file-add", t],
        ["psexec-add", t],
        ["psexec-remove", end],
        ["psexec-file-remove", end],
      ];
    },
  },
  {
    name: "run-key-persistence",
    rate: (p) => (p.incidents.persistence ? 0.03 : 0),
    when: "any",
    effects: (t, rng) => {
      const end = t + Math.round(rng.range(DAY_MS, 4 * DAY_MS));
      return [
        ["dropper-add", t],
        ["runkey-add", t + MINUTE_MS],
        ["runkey-remove", end],
        ["dropper-remove", end + MINUTE_MS],
      ];
    },
  },
  {
    name: "userinit-tamper",
    rate: (p) => (p.incidents.userinitTamper ? 0.02 : 0),
    when: "any",
    effects: pair("userinit-tamper", "userinit-restore", 6 * HOUR_MS, 2 * DAY_MS),
  },
  { name: "firewall-off", rate: () => 0.02, when: "business", effects: pair("firewall-off", "firewall-on", HOUR_MS, 6 * HOUR_MS) },
  { name: "hosts-edit", rate: () => 0.02, when: "business", effects: once("win-hosts-edit") },
  { name: "iis-config", rate: (p) => (hasRole(p, "iis") ? 0.15 : 0), when: "business", effects: once("iis-config-edit") },
  { name: "acl-loosen", rate: () => 0.004, when: "business", effects: pair("acl-loosen", "acl-restore", DAY_MS, 10 * DAY_MS) },
];
