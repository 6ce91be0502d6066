// Linux activity: package upgrades (unattended security updates daily on Ubuntu, weekly dnf-automatic on RHEL,
// an admin's full upgrade now and then) with new kernels, NetworkManager rewriting resolv.conf, CI/CD deploying
// in-house tools, admins editing /etc, cron jobs coming and going, and the rare bad things: chmod 777 on a binary,
// a removed binary, a new privileged account, and XOR.DDoS's cron persistence. Removed and loosened binaries come
// back at the next upgrade, added cron jobs and accounts go away again, so the state stays bounded.
import { type EffectCtx, type EffectDef, type Generator } from "./activity";
import { eventRng, editTextFile, setSlot } from "./edits";
import type { FileTree } from "./fs";
import { binaryNode, type LinuxPackage } from "./linux-base";
import { installKernel, installTool, kernelStream, localToolsFor, textFile, toolKey, toolStream } from "./linux-boot";
import { EDITABLE_CONF } from "./linux-etc";
import { ADMIN_CRON_JOBS, MALWARE_CRON } from "./linux-scripts";
import { hash32, identityHash, type Rng } from "./prng";
import { DAY_MS, HOUR_MS, type Profile, hasRole } from "./profile";
import { releaseIndex } from "./repo";

const files = (apply: (fs: FileTree, c: EffectCtx) => void): EffectDef => ({ domain: "Files", apply });

/** Upgrades packages to the repository's latest release at c.t; reinstalls packages with drifted files. */
function upgrade(fs: FileTree, c: EffectCtx): void {
  const p = c.base.profile;
  const drifted = new Set<string>();
  for (const path of fs.drift) {
    const pkg = [...c.base.packages.values()].find((k) => k.files.includes(path));
    if (pkg) drifted.add(pkg.name);
  }
  let at = c.t - 90_000;
  const install = (pkg: LinuxPackage, version: number) => {
    for (const path of pkg.files) {
      at += 40 + (hash32(path) % 400);
      fs.put(path, binaryNode(p, pkg, path, version, Math.min(at, c.t), fs.newInode()));
      fs.drift.delete(path);
    }
    fs.meta.set(`pkg:${pkg.name}`, version);
  };
  for (const pkg of c.base.packages.values()) {
    const current = fs.meta.get(`pkg:${pkg.name}`) ?? 0;
    const latest = releaseIndex(pkg.stream, c.t);
    if (latest > current || drifted.has(pkg.name)) install(pkg, Math.max(latest, current));
  }
  const ks = kernelStream(p);
  const kernel = releaseIndex(ks, c.t);
  if (kernel > (fs.meta.get("kernel") ?? 0)) installKernel(fs, p, kernel, c.t - 60_000);
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T | undefined {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]?.[0];
}

const ACCOUNT_SLOTS = { deploy: 0, "backup-svc": 1, sysadm: 2 } as const;

function accountChoice(seed: number): keyof typeof ACCOUNT_SLOTS {
  const r = hash32(seed, "account") % 100;
  return r < 55 ? "deploy" : r < 95 ? "backup-svc" : "sysadm"; // a uid-0 "sysadm" is the backdoor case
}

const malwareName = (seed: number) =>
  Array.from({ length: 10 }, (_, i) => "abcdefghijklmnopqrstuvwxyz"[hash32(seed, "mal", i) % 26]).join("");

/** Binaries an admin removes or an attacker (or a careless script) chmods: [path, weight]. */
const REMOVE_CANDIDATES: readonly (readonly [string, number])[] = [
  ["/usr/bin/wget", 3],
  ["/usr/bin/rsync", 2],
  ["/usr/bin/nano", 2],
  ["/usr/bin/gcc", 2],
  ["/usr/bin/pkexec", 3],
  ["/usr/bin/w", 1],
  ["/usr/bin/curl", 1],
];

const OPENED_FOLDERS = ["/etc/cron.daily", "/etc/cron.hourly", "/etc/cron.weekly", "/usr/local/bin"];

function setFolderMode(fs: FileTree, c: EffectCtx, mode: string): void {
  const path = OPENED_FOLDERS[hash32(c.seed, "folder") % OPENED_FOLDERS.length];
  const node = fs.get(path);
  if (node?.type === "dir") fs.put(path, { ...node, acls: node.acls.replace(/^\S+/, mode), created: c.t });
}

export const LINUX_EFFECTS: Record<string, EffectDef> = {
  upgrade: files(upgrade),
  "resolv-rewrite": files((fs, c) => {
    const path = c.base.profile.distro === "ubuntu" ? "/run/systemd/resolve/stub-resolv.conf" : "/etc/resolv.conf";
    const node = fs.get(path);
    if (node) fs.put(path, { ...node, inode: fs.newInode(), created: c.t, modified: c.t });
  }),
  deploy: files((fs, c) => {
    const rng = eventRng(c.seed, "deploy");
    const pending = localToolsFor(c.base.profile)
      .map((tool) => [tool, releaseIndex(toolStream(tool), c.t)] as const)
      .filter(([tool, k]) => k > (fs.meta.get(toolKey(tool[0])) ?? -1));
    const chosen = pickWeighted(
      rng,
      pending.map((x) => [x, 1 / x[0][1]] as const),
    );
    if (chosen) installTool(fs, chosen[0], chosen[1], c.t);
  }),
  "conf-edit": files((fs, c) => {
    const rng = eventRng(c.seed, "conf");
    const bastion = hasRole(c.base.profile, "bastion");
    const editable = EDITABLE_CONF.filter(([path]) => c.base.templates.has(path)).map(
      ([path, w]) => [path, bastion && path.includes("ssh") ? w * 4 : w] as const,
    );
    const path = pickWeighted(rng, editable);
    if (path) editTextFile(fs, path, c.base.templates.get(path), rng, c.t);
  }),
  "crontab-edit": files(
    (fs, c) => void editTextFile(fs, "/etc/crontab", c.base.templates.get("/etc/crontab"), eventRng(c.seed, "crontab"), c.t),
  ),
  "hosts-edit": files((fs, c) => void editTextFile(fs, "/etc/hosts", c.base.templates.get("/etc/hosts"), eventRng(c.seed, "hosts"), c.t)),
  "sudoers-edit": files(
    (fs, c) => void editTextFile(fs, "/etc/sudoers", c.base.templates.get("/etc/sudoers"), eventRng(c.seed, "sudoers"), c.t),
  ),
  "cron-add": files((fs, c) => {
    const [folder, name, body] = ADMIN_CRON_JOBS[hash32(c.seed, "job") % ADMIN_CRON_JOBS.length];
    fs.put(`/etc/${folder}/${name}`, textFile(body, "-rwxr-xr-x", fs.newInode(), c.t));
  }),
  "cron-remove": files((fs, c) => {
    const [folder, name] = ADMIN_CRON_JOBS[hash32(c.seed, "job") % ADMIN_CRON_JOBS.length];
    fs.remove(`/etc/${folder}/${name}`);
  }),
  "malware-add": files((fs, c) => {
    const name = malwareName(c.seed);
    fs.put(`/etc/${MALWARE_CRON.folder}/${MALWARE_CRON.name}`, textFile(MALWARE_CRON.body, "-rwxr-xr-x", fs.newInode(), c.t));
    fs.put(`/usr/bin/${name}`, {
      type: "file",
      size: 625_878n,
      sha256: identityHash("xorddos", name),
      acls: "-rwxr-xr-x uid=0 gid=0",
      attributes: "file",
      inode: fs.newInode(),
      created: c.t,
      modified: c.t,
    });
    fs.put(
      `/etc/init.d/${name}`,
      textFile(
        `#!/bin/sh\n# chkconfig: 12345 90 90\n# description: ${name}\n### BEGIN INIT INFO\n# Provides:\t\t${name}\n# Default-Start:\t1 2 3 4 5\n### END INIT INFO\ncase $1 in\nstart)\n\t/usr/bin/${name}\n\t;;\nesac\n`,
        "-rwxr-xr-x",
        fs.newInode(),
        c.t,
      ),
    );
  }),
  "malware-remove": files((fs, c) => {
    const name = malwareName(c.seed);
    fs.remove(`/etc/${MALWARE_CRON.folder}/${MALWARE_CRON.name}`);
    fs.remove(`/usr/bin/${name}`);
    fs.remove(`/etc/init.d/${name}`);
  }),
  "chmod-loosen": files((fs, c) => {
    const rng = eventRng(c.seed, "chmod");
    const local = fs
      .list("/usr/local/bin")
      .filter((n) => n.type === "file")
      .map((n) => [`/usr/local/bin/${n.name}`, 2] as const);
    const path = pickWeighted(rng, [...REMOVE_CANDIDATES, ...local]);
    const node = path ? fs.get(path) : undefined;
    if (!path || !node || node.type !== "file") return;
    fs.put(path, { ...node, acls: node.acls.replace(/^-\S+/, "-rwxrwxrwx"), created: c.t });
    if (node.pkg && !node.pkg.startsWith("tool:")) fs.drift.add(path);
  }),
  // A binary given a capability: cap_setuid lets it become root without being setuid (a quiet backdoor).
  setcap: files((fs, c) => {
    const path = pickWeighted(eventRng(c.seed, "setcap"), REMOVE_CANDIDATES);
    const node = path ? fs.get(path) : undefined;
    if (!path || !node || node.type !== "file") return;
    fs.put(path, { ...node, capabilities: "cap_setuid=ep", created: c.t });
    if (node.pkg && !node.pkg.startsWith("tool:")) fs.drift.add(path);
  }),
  // A tracked folder made world-writable (a careless deploy script), put back some days later.
  "folder-open": files((fs, c) => setFolderMode(fs, c, "drwxrwxrwx")),
  "folder-close": files((fs, c) => setFolderMode(fs, c, "drwxr-xr-x")),
  "file-remove": files((fs, c) => {
    const path = pickWeighted(eventRng(c.seed, "rm"), REMOVE_CANDIDATES);
    if (path && fs.remove(path)) fs.drift.add(path);
  }),
  "account-add": files((fs, c) => {
    const slot = ACCOUNT_SLOTS[accountChoice(c.seed)];
    setSlot(fs, "/etc/passwd", c.base.templates.get("/etc/passwd"), slot, 1, c.t);
    if (slot < 2) setSlot(fs, "/etc/group", c.base.templates.get("/etc/group"), slot + 1, 1, c.t + 1000);
  }),
  "account-remove": files((fs, c) => {
    const slot = ACCOUNT_SLOTS[accountChoice(c.seed)];
    setSlot(fs, "/etc/passwd", c.base.templates.get("/etc/passwd"), slot, 0, c.t);
    if (slot < 2) setSlot(fs, "/etc/group", c.base.templates.get("/etc/group"), slot + 1, 0, c.t + 1000);
  }),
};

const perRole = (p: Profile, rates: Record<string, number>, otherwise: number) =>
  Math.max(
    otherwise,
    ...Object.entries(rates)
      .filter(([r]) => p.roles.has(r))
      .map(([, v]) => v),
  );

const once =
  (name: string): Generator["effects"] =>
  (t) => [[name, t]];
const pair =
  (add: string, remove: string, minMs: number, maxMs: number): Generator["effects"] =>
  (t, rng) => [
    [add, t],
    [remove, t + Math.round(rng.range(minMs, maxMs))],
  ];

export const LINUX_GENERATORS: readonly Generator[] = [
  {
    // apt-daily-upgrade.timer: 06:00 local with up to an hour of randomised delay.
    name: "unattended-upgrades",
    schedule: (p, dayStart) =>
      p.distro === "ubuntu"
        ? [dayStart + (((((6 - p.tz) * HOUR_MS + (hash32(p.seed, dayStart) % 3600) * 1000) % DAY_MS) + DAY_MS) % DAY_MS)]
        : [],
    // Configured for -security and -updates, as most fleets do, so batches land fleet-wide the next morning.
    effects: once("upgrade"),
  },
  {
    // dnf-automatic once a week, on the machine's own maintenance night.
    name: "dnf-automatic",
    schedule: (p, dayStart) => {
      if (p.distro !== "rhel" || new Date(dayStart).getUTCDay() !== hash32(p.seed, "weekday") % 7) return [];
      return [dayStart + (((((3 - p.tz) * HOUR_MS + (hash32(p.seed, dayStart) % 5400) * 1000) % DAY_MS) + DAY_MS) % DAY_MS)];
    },
    effects: once("upgrade"),
  },
  { name: "admin-upgrade", rate: (p) => (p.distro === "ubuntu" ? 1 / 12 : 1 / 30), when: "business", effects: once("upgrade") },
  { name: "resolv-rewrite", rate: (p) => (p.distro === "rhel" ? 4 : 1), when: "any", effects: once("resolv-rewrite") },
  {
    name: "deploy",
    rate: (p) => perRole(p, { web: 4, api: 4, ci: 4, etl: 1.5, batch: 1, dev: 1 }, 0.1),
    when: "business",
    effects: once("deploy"),
  },
  { name: "conf-edit", rate: (p) => (hasRole(p, "bastion") ? 0.5 : 0.2), when: "business", effects: once("conf-edit") },
  { name: "crontab-edit", rate: () => 0.03, when: "business", effects: once("crontab-edit") },
  { name: "hosts-edit", rate: () => 0.03, when: "business", effects: once("hosts-edit") },
  { name: "sudoers-edit", rate: () => 0.01, when: "business", effects: once("sudoers-edit") },
  { name: "cron-job", rate: () => 0.04, when: "business", effects: pair("cron-add", "cron-remove", 5 * DAY_MS, 40 * DAY_MS) },
  {
    name: "cron-malware",
    rate: (p) => (p.incidents.cronMalware ? 0.03 : 0),
    when: "any",
    effects: pair("malware-add", "malware-remove", 20 * HOUR_MS, 5 * DAY_MS),
  },
  { name: "chmod-loosen", rate: () => 0.012, when: "business", effects: once("chmod-loosen") },
  { name: "file-remove", rate: () => 0.015, when: "business", effects: once("file-remove") },
  { name: "setcap", rate: () => 0.006, when: "business", effects: once("setcap") },
  { name: "folder-open", rate: () => 0.008, when: "business", effects: pair("folder-open", "folder-close", 2 * DAY_MS, 10 * DAY_MS) },
  { name: "account", rate: () => 0.02, when: "business", effects: pair("account-add", "account-remove", 3 * DAY_MS, 30 * DAY_MS) },
];
