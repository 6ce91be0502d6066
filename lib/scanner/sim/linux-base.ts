// The base file system of a simulated Linux machine at the simulation epoch: merged /usr with the distribution's
// packages, /etc with its config files, cron and init scripts, /boot with the kept kernels, in-house tools in
// /usr/local/bin and, on a few machines, /opt/bin.
import { FileTree, type FileNode } from "./fs";
import { installKernel, installTool, kernelStream, keptKernels, localToolsFor, textFile, toolLag, toolStream } from "./linux-boot";
import { ETC_CONF, LINUX_TEMPLATES } from "./linux-etc";
import { binaryMode, KNOWN_SIZES, packagesFor, type PackageSpec } from "./linux-packages";
import { accountTemplates, CRON_SCRIPTS, HOSTS_TEMPLATE } from "./linux-scripts";
import { hash32, identityHash } from "./prng";
import { DAY_MS, HOUR_MS, MINUTE_MS, SIM_EPOCH, type Profile } from "./profile";
import { buildTime, releaseIndex, releaseTime, stream, type Stream } from "./repo";
import { renderTemplate, type TextTemplate } from "./text";

export interface LinuxPackage {
  name: string;
  hot: boolean;
  /** Release stream of the package in the distribution's repository. */
  stream: Stream;
  /** Real paths of the package's binaries (links are not rewritten by upgrades). */
  files: string[];
}

export interface LinuxBase {
  tree: FileTree;
  packages: ReadonlyMap<string, LinuxPackage>;
  /** Text templates by file path: what an edit switches a slot of. */
  templates: ReadonlyMap<string, TextTemplate>;
}

const DIR: Omit<FileNode, "name" | "type"> = {
  size: 4096n,
  sha256: null,
  acls: "drwxr-xr-x uid=0 gid=0",
  attributes: "directory",
  inode: null,
  created: 0,
  modified: 0,
};

/**
 * Security-sensitive packages ship in the distribution's security batches (weekly on Ubuntu, fortnightly on RHEL,
 * about half of them each time); the others in monthly (Ubuntu) or six-weekly (RHEL) update batches.
 */
export function pkgStream(p: Profile, name: string, hot: boolean): Stream {
  const repo = `${p.distro}${p.release}`;
  if (hot) return stream(`${repo}:${name}`, p.distro === "ubuntu" ? 7 : 14, `${repo}:security`, p.distro === "ubuntu" ? 0.45 : 0.5);
  return stream(`${repo}:${name}`, p.distro === "ubuntu" ? 28 : 42, `${repo}:updates`, p.distro === "ubuntu" ? 0.5 : 0.6);
}

export const libDir = (p: Profile) => (p.distro === "rhel" ? "/usr/lib64" : "/usr/lib/x86_64-linux-gnu");

function plausibleSize(name: string): number {
  const h = hash32("size", name);
  return Math.round(14_000 * 2 ** ((h % 700) / 100)) + (h % 4096);
}

/** A binary of `pkg` at repository version `version`, installed at `at`. */
/** A Debian-looking version for release `n` of a simulated package stream. */
export const simPackageVersion = (n: number) => `1.${Math.floor(n / 10)}.${n % 10}-1`;

export function binaryNode(
  p: Profile,
  pkg: LinuxPackage,
  path: string,
  version: number,
  at: number,
  inode: bigint,
): Omit<FileNode, "name"> {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const base = KNOWN_SIZES[name] ?? plausibleSize(name);
  const { mode, gid } = binaryMode(name, p.distro === "rhel" ? "rhel" : "ubuntu");
  const released = releaseTime(pkg.stream, version);
  return {
    type: "file",
    size: BigInt(Math.max(64, base + (hash32(pkg.stream.key, version, name) % 8193) - 4096)),
    sha256: identityHash(p.distro, p.release, path, version),
    acls: `${mode} uid=0 gid=${gid}`,
    attributes: "file",
    inode,
    created: at,
    modified: Math.min(buildTime(released, pkg.stream.key + version), at),
    pkg: pkg.name,
    pkgVersion: simPackageVersion(version),
  };
}

const linkNode = (target: string, at: number, inode: bigint): Omit<FileNode, "name"> => ({
  type: "link",
  target,
  size: BigInt(target.length),
  sha256: null,
  acls: "lrwxrwxrwx uid=0 gid=0",
  attributes: `symlink -> ${target}`,
  inode,
  created: at,
  modified: at,
});

function cloudPackages(p: Profile): PackageSpec[] {
  if (p.cloud === "aws") return [{ name: "amazon-ssm-agent", bin: ["amazon-ssm-agent", "ssm-agent-worker"], hot: true }];
  if (p.cloud === "arc") return [{ name: "azcmagent", bin: ["azcmagent"], hot: true }];
  return [{ name: p.distro === "ubuntu" ? "walinuxagent" : "WALinuxAgent", sbin: ["waagent"] }];
}

function searchDomain(p: Profile): string {
  if (p.cloud === "aws") return "eu-west-1.compute.internal";
  if (p.cloud === "arc") return "corp.contoso.com";
  return `${hash32(p.seed, "dns").toString(36)}${hash32(p.name).toString(36).slice(0, 4)}.bx.internal.cloudapp.net`;
}

export function linuxTemplates(p: Profile): Map<string, TextTemplate> {
  const distro = p.distro === "rhel" ? "rhel" : "ubuntu";
  const t = new Map<string, TextTemplate>();
  for (const name of ETC_CONF[distro]) t.set(`/etc/${name}`, LINUX_TEMPLATES[name]);
  const sub = (tpl: TextTemplate): TextTemplate => ({
    lines: tpl.lines.map((l) => (typeof l === "string" ? l.replace("CONTOSO_SEARCH", searchDomain(p)) : l)),
  });
  if (distro === "ubuntu") t.set("/run/systemd/resolve/stub-resolv.conf", sub(LINUX_TEMPLATES["stub-resolv.conf"]));
  else t.set("/etc/resolv.conf", sub(LINUX_TEMPLATES[p.cloud === "aws" ? "resolv.conf:aws" : "resolv.conf:rhel"]));
  if (distro === "rhel") t.set("/etc/dnf/dnf.conf", LINUX_TEMPLATES["dnf.conf"]);
  else {
    const codename = p.release === "20.04" ? "focal" : "jammy";
    t.set("/etc/apt/sources.list", {
      lines: LINUX_TEMPLATES["sources.list"].lines.map((l) =>
        typeof l === "string" ? l.replaceAll("RELEASE", codename) : l.map((o) => o.replaceAll("RELEASE", codename)),
      ),
    });
    t.set("/etc/apt/apt.conf.d/50unattended-upgrades", LINUX_TEMPLATES["unattended-upgrades"]);
  }
  t.set("/etc/ssh/sshd_config", LINUX_TEMPLATES[distro === "rhel" ? "sshd_config:rhel" : `sshd_config:ubuntu:${p.release}`]);
  if (distro === "ubuntu" && p.cloud !== "aws") t.set("/etc/ssh/sshd_config.d/50-cloud-init.conf", LINUX_TEMPLATES.sshd_cloud_init);
  t.set("/etc/crontab", LINUX_TEMPLATES[`crontab:${distro}`]);
  const accounts = accountTemplates(distro, p.users[0]);
  t.set("/etc/passwd", accounts.passwd);
  t.set("/etc/group", accounts.group);
  t.set("/etc/sudoers", accounts.sudoers);
  t.set("/etc/hosts", HOSTS_TEMPLATE(p.name));
  return t;
}

/** Mode and owner of the text files that are not plain 0644 root files. */
const TEXT_MODES: Record<string, readonly [string, number]> = {
  "/etc/sudoers": ["-r--r-----", 0],
  "/boot/grub2/grub.cfg": ["-rw-------", 0],
  "/etc/ssh/sshd_config": ["-rw-r--r--", 0],
};

export function buildLinux(p: Profile): LinuxBase {
  const fs = new FileTree(false);
  const I = p.installedAt;
  fs.meta.set("inode", 131_072 + (hash32(p.seed, "inode") % 1_500_000));
  const dir = { ...DIR, created: I, modified: I };
  for (const d of [
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/etc/cron.d",
    "/boot/efi",
    "/opt",
  ])
    fs.mkdirp(d, dir);
  for (const [link, target] of [
    ["/bin", "usr/bin"],
    ["/sbin", "usr/sbin"],
    ["/lib", "usr/lib"],
    ["/lib64", "usr/lib64"],
  ])
    fs.put(link, linkNode(target, I, fs.newInode()));

  const packages = new Map<string, LinuxPackage>();
  for (const spec of [...packagesFor(p), ...cloudPackages(p)]) {
    const hot = spec.hot === true;
    const s = pkgStream(p, spec.name, hot);
    // At the epoch, security updates are a few days behind and the rest a few weeks (a typical fleet).
    const lag = (hot ? 1 + (hash32(p.seed, spec.name) % 8) : 3 + (hash32(p.seed, spec.name) % 50)) * DAY_MS;
    const version = Math.max(0, releaseIndex(s, SIM_EPOCH - lag));
    const at = Math.min(SIM_EPOCH - lag, Math.max(I, releaseTime(s, version) + HOUR_MS * (1 + (hash32(p.seed, spec.name, "at") % 30))));
    const pkg: LinuxPackage = { name: spec.name, hot, stream: s, files: [] };
    for (const [folder, names] of [
      ["/usr/bin", spec.bin ?? []],
      ["/usr/sbin", spec.sbin ?? []],
      [libDir(p), spec.lib ?? []],
    ] as const) {
      for (const n of names) {
        const path = `${folder}/${n}`;
        pkg.files.push(path);
        fs.put(path, binaryNode(p, pkg, path, version, at, fs.newInode()));
      }
    }
    for (const [folder, links] of [
      ["/usr/bin", spec.links ?? []],
      ["/usr/sbin", spec.sbinLinks ?? []],
    ] as const) {
      for (const [n, target] of links) fs.put(`${folder}/${n}`, linkNode(target, at, fs.newInode()));
    }
    fs.meta.set(`pkg:${spec.name}`, version);
    packages.set(spec.name, pkg);
  }
  linkTargets(fs, p, I);

  const templates = linuxTemplates(p);
  writeEtc(fs, p, templates, I);

  const ks = kernelStream(p);
  const newest = releaseIndex(ks, SIM_EPOCH - (2 + (hash32(p.seed, "kernel") % 20)) * DAY_MS);
  for (let k = newest - keptKernels(p) + 1; k <= newest; k++) installKernel(fs, p, k, Math.max(I, releaseTime(ks, k) + 2 * DAY_MS));
  if (p.distro === "ubuntu")
    fs.put("/boot/grub/grubenv", textFile(`# GRUB Environment Block\n${"#".repeat(1000)}`, "-rw-r--r--", fs.newInode(), I));
  else {
    const mid = identityHash("machine-id", p.seed).slice(0, 32);
    fs.put(`/boot/vmlinuz-0-rescue-${mid}`, {
      type: "file",
      size: 11_300_000n,
      sha256: identityHash("rescue", p.seed),
      acls: "-rwxr-xr-x uid=0 gid=0",
      attributes: "file",
      inode: fs.newInode(),
      created: I,
      modified: I,
    });
    fs.put(`/boot/initramfs-0-rescue-${mid}.img`, {
      type: "file",
      size: 88_000_000n,
      sha256: identityHash("rescue-initramfs", p.seed),
      acls: "-rw------- uid=0 gid=0",
      attributes: "file",
      inode: fs.newInode(),
      created: I,
      modified: I,
    });
  }

  for (const tool of localToolsFor(p)) {
    const k = Math.max(0, releaseIndex(toolStream(tool), SIM_EPOCH - toolLag(p, tool[0])));
    installTool(fs, tool, k, Math.min(SIM_EPOCH - HOUR_MS, Math.max(I, releaseTime(toolStream(tool), k) + HOUR_MS)));
  }
  writeOpt(fs, p, I);
  return { tree: fs, packages, templates };
}

function linkTargets(fs: FileTree, p: Profile, at: number): void {
  const bin = (path: string, size: number) =>
    fs.put(path, {
      type: "file",
      size: BigInt(size),
      sha256: identityHash(p.distro, p.release, path),
      acls: "-rwxr-xr-x uid=0 gid=0",
      attributes: "file",
      inode: fs.newInode(),
      created: at,
      modified: at - 90 * DAY_MS,
    });
  bin("/usr/lib/systemd/systemd-resolved", 289_752);
  if (p.distro === "ubuntu") {
    fs.put("/etc/alternatives/awk", linkNode("/usr/bin/mawk", at, fs.newInode()));
    fs.put("/etc/alternatives/vi", linkNode("/usr/bin/vim.basic", at, fs.newInode()));
    fs.put("/etc/alternatives/vim", linkNode("/usr/bin/vim.basic", at, fs.newInode()));
  }
  if (fs.get("/usr/bin/java")) {
    const jvm =
      p.distro === "ubuntu" ? "/usr/lib/jvm/java-17-openjdk-amd64/bin" : "/usr/lib/jvm/java-17-openjdk-17.0.13.0.11-3.el9.x86_64/bin";
    fs.put("/etc/alternatives/java", linkNode(`${jvm}/java`, at, fs.newInode()));
    fs.put("/etc/alternatives/keytool", linkNode(`${jvm}/keytool`, at, fs.newInode()));
    bin(`${jvm}/java`, 14_408);
    bin(`${jvm}/keytool`, 14_416);
  }
  if (fs.get("/usr/bin/npm")) {
    for (const cli of ["npm-cli.js", "npx-cli.js"]) {
      fs.put(
        `/usr/lib/node_modules/npm/bin/${cli}`,
        textFile(`#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n`, "-rwxr-xr-x", fs.newInode(), at),
      );
    }
  }
}

function writeEtc(fs: FileTree, p: Profile, templates: ReadonlyMap<string, TextTemplate>, I: number): void {
  for (const [path, tpl] of templates) {
    const firstBoot = /resolv|hosts|cloud-init|passwd|group|sudoers/.test(path);
    const modified = firstBoot ? I + 3 * MINUTE_MS : I - (30 + (hash32(path, p.release) % 300)) * DAY_MS;
    const [mode, gid] = TEXT_MODES[path] ?? ["-rw-r--r--", 0];
    fs.put(
      path,
      { ...textFile(renderTemplate(tpl), mode, fs.newInode(), I + MINUTE_MS, modified, 0, gid), tpl: path, choices: [] },
      { ...DIR, created: I, modified: I },
    );
  }
  if (p.distro === "ubuntu") fs.put("/etc/resolv.conf", linkNode("../run/systemd/resolve/stub-resolv.conf", I, fs.newInode()));
  else fs.put("/etc/yum.conf", linkNode("dnf/dnf.conf", I, fs.newInode()));
  const scripts = CRON_SCRIPTS[p.distro === "rhel" ? "rhel" : "ubuntu"];
  for (const [folder, files] of Object.entries(scripts)) {
    const base = folder === "init.d" && p.distro === "rhel" ? "/etc/rc.d/init.d" : `/etc/${folder}`;
    fs.mkdirp(base, { ...DIR, created: I, modified: I });
    for (const [name, body] of Object.entries(files)) {
      const mode = name.startsWith(".") || name === "README" ? "-rw-r--r--" : "-rwxr-xr-x";
      fs.put(`${base}/${name}`, {
        ...textFile(body, mode, fs.newInode(), I + MINUTE_MS, I - (60 + (hash32(name) % 400)) * DAY_MS),
        pkg: `script:${folder}`,
      });
    }
  }
  if (p.distro === "rhel") {
    fs.put("/etc/init.d", linkNode("rc.d/init.d", I, fs.newInode()));
    fs.put(
      "/etc/cron.d/0hourly",
      textFile(
        "# Run the hourly jobs\nSHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\nMAILTO=root\n01 * * * * root run-parts /etc/cron.hourly\n",
        "-rw-r--r--",
        fs.newInode(),
        I,
      ),
    );
  } else {
    fs.put(
      "/etc/cron.d/e2scrub_all",
      textFile(
        "30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron\n10 3 * * * root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r\n",
        "-rw-r--r--",
        fs.newInode(),
        I,
      ),
    );
    for (const svc of ["nginx", "docker", "redis-server"]) {
      const bin = svc === "nginx" ? "/usr/sbin/nginx" : svc === "docker" ? "/usr/bin/dockerd" : "/usr/bin/redis-server";
      if (fs.get(bin))
        fs.put(
          `/etc/init.d/${svc}`,
          textFile(
            `#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          ${svc}\n# Default-Start:     2 3 4 5\n### END INIT INFO\n\nDAEMON=${bin}\n`,
            "-rwxr-xr-x",
            fs.newInode(),
            I,
          ),
        );
    }
  }
}

function writeOpt(fs: FileTree, p: Profile, I: number): void {
  if (p.roles.has("kafka")) {
    for (const s of ["kafka-configs.sh", "kafka-consumer-groups.sh", "kafka-server-start.sh", "kafka-topics.sh"]) {
      fs.put(
        `/opt/kafka/bin/${s}`,
        textFile(
          `#!/bin/bash\n# Licensed to the Apache Software Foundation (ASF) under one or more\n# contributor license agreements.\n\nexec $(dirname $0)/kafka-run-class.sh kafka.admin.${s.replace(/^kafka-|\.sh$/g, "")} "$@"\n`,
          "-rwxr-xr-x",
          fs.newInode(),
          I + DAY_MS,
        ),
      );
      fs.put(`/opt/bin/${s}`, linkNode(`/opt/kafka/bin/${s}`, I + DAY_MS, fs.newInode()));
    }
  }
  if (p.roles.has("ci")) {
    fs.put(
      "/opt/bin/runner-cleanup",
      textFile(
        "#!/bin/sh\n# Removes work folders of finished CI jobs\nfind /opt/actions-runner/_work -maxdepth 1 -mtime +2 -exec rm -rf {} +\n",
        "-rwxr-xr-x",
        fs.newInode(),
        I + DAY_MS,
      ),
    );
    fs.put("/opt/sbin/runner-netns", {
      type: "file",
      size: 2_113_536n,
      sha256: identityHash("runner-netns", 1),
      acls: "-rwx------ uid=0 gid=0",
      attributes: "file",
      inode: fs.newInode(),
      created: I + DAY_MS,
      modified: I,
    });
  }
}
