// Packages of the simulated Linux machines and the binaries they install in /usr/bin and /usr/sbin (a realistic
// subset: on merged-/usr distributions /bin and /sbin are links to these folders, so each binary counts twice
// against the 500-files-a-machine limit through the recommended entities).
import type { Profile } from "./profile";

export interface PackageSpec {
  name: string;
  bin?: readonly string[];
  sbin?: readonly string[];
  /** Shared libraries (in /usr/lib/x86_64-linux-gnu on Ubuntu, /usr/lib64 on RHEL). */
  lib?: readonly string[];
  /** Symbolic links in /usr/bin: [name, target]. */
  links?: readonly (readonly [string, string])[];
  sbinLinks?: readonly (readonly [string, string])[];
  only?: "ubuntu" | "rhel";
  /** Installed only on machines with one of these roles (name tokens). */
  roles?: readonly string[];
  /** Security-sensitive packages get updates more often. */
  hot?: boolean;
}

const COREUTILS = [
  "cat",
  "chgrp",
  "chmod",
  "chown",
  "cp",
  "date",
  "dd",
  "df",
  "du",
  "echo",
  "env",
  "head",
  "id",
  "ln",
  "ls",
  "mkdir",
  "mktemp",
  "mv",
  "rm",
  "sha256sum",
  "sort",
  "stat",
  "tail",
  "tee",
  "touch",
  "uname",
  "wc",
  "whoami",
];

export const PACKAGES: readonly PackageSpec[] = [
  {
    name: "libc6",
    lib: [
      "ld-linux-x86-64.so.2",
      "libc.so.6",
      "libm.so.6",
      "libresolv.so.2",
      "libnss_files.so.2",
      "libnss_dns.so.2",
      "libutil.so.1",
      "libdl.so.2",
      "libpthread.so.0",
      "librt.so.1",
    ],
    hot: true,
  },
  { name: "coreutils", bin: COREUTILS },
  { name: "zlib", lib: ["libz.so.1"] },
  { name: "libcrypt", lib: ["libcrypt.so.1"] },
  { name: "libcap", lib: ["libcap.so.2"] },
  { name: "pcre2", lib: ["libpcre2-8.so.0"] },
  { name: "ncurses", lib: ["libncursesw.so.6", "libtinfo.so.6"] },
  { name: "readline", lib: ["libreadline.so.8"] },
  { name: "xz", lib: ["liblzma.so.5"] },
  { name: "zstd", lib: ["libzstd.so.1"] },
  { name: "lz4", lib: ["liblz4.so.1"] },
  { name: "libffi", lib: ["libffi.so.8"] },
  { name: "libgcrypt", lib: ["libgcrypt.so.20"], hot: true },
  { name: "gnutls", lib: ["libgnutls.so.30"], hot: true },
  { name: "krb5", lib: ["libgssapi_krb5.so.2", "libk5crypto.so.3", "libkrb5.so.3", "libkrb5support.so.0"], hot: true },
  { name: "libxml2", lib: ["libxml2.so.2"], hot: true },
  { name: "sqlite", lib: ["libsqlite3.so.0"] },
  { name: "pam", lib: ["libpam.so.0", "libpam_misc.so.0"], hot: true },
  { name: "acl", lib: ["libacl.so.1", "libattr.so.1"] },
  { name: "libseccomp", lib: ["libseccomp.so.2"] },
  { name: "expat", lib: ["libexpat.so.1"], hot: true },
  { name: "bash", bin: ["bash"], links: [["rbash", "bash"]] },
  { name: "dash", only: "ubuntu", bin: ["dash"], links: [["sh", "dash"]] },
  { name: "bash-sh", only: "rhel", links: [["sh", "bash"]] },
  {
    name: "util-linux",
    lib: ["libblkid.so.1", "libmount.so.1", "libsmartcols.so.1", "libuuid.so.1"],
    bin: ["dmesg", "findmnt", "logger", "lsblk", "more", "mount", "nsenter", "su", "umount"],
    sbin: ["agetty", "blkid", "fdisk", "fsck", "mkswap"],
    hot: true,
  },
  { name: "login", only: "ubuntu", bin: ["faillog", "lastlog", "login", "newgrp"] },
  { name: "login-rhel", only: "rhel", bin: ["login", "newgrp"] },
  {
    name: "passwd",
    bin: ["chage", "chfn", "chsh", "expiry", "gpasswd", "passwd"],
    sbin: ["chpasswd", "groupadd", "useradd", "userdel", "usermod", "vipw"],
    hot: true,
  },
  { name: "procps", bin: ["free", "kill", "pgrep", "pkill", "ps", "top", "w"], sbin: ["sysctl"] },
  { name: "openssh-client", bin: ["scp", "sftp", "ssh", "ssh-add", "ssh-agent", "ssh-keygen"], hot: true },
  { name: "openssh-server", sbin: ["sshd"], hot: true },
  { name: "sudo", bin: ["cvtsudoers", "sudo", "sudoreplay"], links: [["sudoedit", "sudo"]], sbin: ["visudo"], hot: true },
  { name: "polkit", bin: ["pkaction", "pkexec", "pkttyagent"], hot: true },
  {
    name: "systemd",
    lib: ["libsystemd.so.0", "libudev.so.1"],
    bin: ["hostnamectl", "journalctl", "loginctl", "systemctl", "systemd-run", "timedatectl"],
    links: [["resolvectl", "../lib/systemd/systemd-resolved"]],
    hot: true,
  },
  { name: "apt", only: "ubuntu", bin: ["apt", "apt-cache", "apt-config", "apt-get", "apt-key", "apt-mark"], hot: true },
  { name: "dpkg", only: "ubuntu", bin: ["dpkg", "dpkg-deb", "dpkg-divert", "dpkg-query"], sbin: ["start-stop-daemon"] },
  { name: "unattended-upgrades", only: "ubuntu", bin: ["unattended-upgrade"] },
  {
    name: "rpm",
    only: "rhel",
    bin: ["rpm", "rpm2cpio", "rpmkeys"],
    links: [
      ["rpmquery", "rpm"],
      ["rpmverify", "rpm"],
    ],
    hot: true,
  },
  {
    name: "dnf",
    only: "rhel",
    bin: ["dnf-3"],
    links: [
      ["dnf", "dnf-3"],
      ["yum", "dnf-3"],
    ],
  },
  { name: "grep", bin: ["egrep", "fgrep", "grep"] },
  { name: "sed", bin: ["sed"] },
  { name: "mawk", only: "ubuntu", bin: ["mawk"], links: [["awk", "/etc/alternatives/awk"]] },
  { name: "gawk", only: "rhel", bin: ["gawk"], links: [["awk", "gawk"]] },
  { name: "tar", bin: ["tar"], hot: true },
  { name: "gzip", bin: ["gunzip", "gzip", "zcat"] },
  { name: "findutils", bin: ["find", "xargs"] },
  { name: "diffutils", bin: ["cmp", "diff"] },
  { name: "less", bin: ["less"], hot: true },
  { name: "file", bin: ["file"] },
  { name: "debianutils", only: "ubuntu", bin: ["run-parts", "which"] },
  { name: "which", only: "rhel", bin: ["which"] },
  { name: "curl", bin: ["curl"], lib: ["libcurl.so.4", "libnghttp2.so.14"], hot: true },
  { name: "wget", bin: ["wget"], hot: true },
  { name: "openssl", bin: ["openssl"], lib: ["libcrypto.so.3", "libssl.so.3"], hot: true },
  { name: "rsync", bin: ["rsync"] },
  {
    name: "vim",
    only: "ubuntu",
    bin: ["vim.basic"],
    links: [
      ["vi", "/etc/alternatives/vi"],
      ["vim", "/etc/alternatives/vim"],
    ],
    hot: true,
  },
  { name: "vim-enhanced", only: "rhel", bin: ["vi", "vim"], hot: true },
  { name: "nano", only: "ubuntu", bin: ["nano"] },
  { name: "python3", bin: [], hot: true },
  { name: "perl", bin: ["perl"] },
  { name: "iproute2", only: "ubuntu", bin: ["ip", "ss"] },
  { name: "iproute", only: "rhel", sbin: ["ip", "ss"] },
  { name: "cron", only: "ubuntu", bin: ["crontab"], sbin: ["cron"] },
  { name: "cronie", only: "rhel", bin: ["crontab"], sbin: ["anacron", "crond"] },
  { name: "rsyslog", sbin: ["rsyslogd"] },
  { name: "chrony", only: "rhel", bin: ["chronyc"], sbin: ["chronyd"] },
  {
    name: "kmod",
    bin: ["kmod"],
    lib: ["libkmod.so.2"],
    sbinLinks: [
      ["depmod", "../bin/kmod"],
      ["insmod", "../bin/kmod"],
      ["lsmod", "../bin/kmod"],
      ["modprobe", "../bin/kmod"],
      ["rmmod", "../bin/kmod"],
    ],
  },
  { name: "e2fsprogs", only: "ubuntu", sbin: ["e2fsck", "mkfs.ext4", "resize2fs", "tune2fs"] },
  { name: "xfsprogs", only: "rhel", sbin: ["mkfs.xfs", "xfs_growfs", "xfs_repair"] },
  { name: "nftables", sbin: ["nft"] },
  {
    name: "iptables",
    sbin: ["xtables-nft-multi"],
    sbinLinks: [
      ["iptables", "xtables-nft-multi"],
      ["ip6tables", "xtables-nft-multi"],
    ],
  },
  { name: "ufw", only: "ubuntu", sbin: ["ufw"] },
  { name: "firewalld", only: "rhel", bin: ["firewall-cmd"], sbin: ["firewalld"] },
  { name: "NetworkManager", only: "rhel", bin: ["nmcli"], sbin: ["NetworkManager"] },
  { name: "netplan.io", only: "ubuntu", sbin: ["netplan"] },
  { name: "apparmor", only: "ubuntu", sbin: ["apparmor_parser", "aa-status"] },
  {
    name: "policycoreutils",
    only: "rhel",
    lib: ["libselinux.so.1", "libsemanage.so.2"],
    sbin: ["getenforce", "restorecon", "sestatus", "setenforce"],
  },
  { name: "audit", lib: ["libaudit.so.1", "libauparse.so.0"], sbin: ["auditctl", "auditd", "aureport", "ausearch"], hot: true },
  { name: "logrotate", sbin: ["logrotate"] },
  { name: "cloud-init", bin: ["cloud-id", "cloud-init"] },
  { name: "snapd", only: "ubuntu", bin: ["snap"] },
  { name: "jq", bin: ["jq"] },
  // Role packages.
  { name: "nginx", roles: ["web"], sbin: ["nginx"], hot: true },
  {
    name: "nodejs",
    roles: ["web", "api", "ci"],
    bin: ["node"],
    links: [
      ["npm", "../lib/node_modules/npm/bin/npm-cli.js"],
      ["npx", "../lib/node_modules/npm/bin/npx-cli.js"],
    ],
    hot: true,
  },
  { name: "docker-ce", roles: ["ci", "dev", "batch", "etl"], bin: ["containerd", "docker", "dockerd"], hot: true },
  { name: "git", roles: ["ci", "dev", "bastion"], bin: ["git", "git-shell"], hot: true },
  { name: "build-essential", roles: ["ci", "dev"], bin: ["gcc", "make"] },
  {
    name: "java-17-openjdk",
    roles: ["kafka", "api", "etl"],
    links: [
      ["java", "/etc/alternatives/java"],
      ["keytool", "/etc/alternatives/keytool"],
    ],
  },
  { name: "postgresql", roles: ["pg"], bin: ["pg_dump", "pg_dumpall", "pg_restore", "psql"], hot: true },
  { name: "redis", roles: ["cache"], bin: ["redis-benchmark", "redis-check-aof", "redis-cli", "redis-server"], hot: true },
  { name: "fail2ban", roles: ["bastion"], bin: ["fail2ban-client", "fail2ban-regex", "fail2ban-server"] },
  { name: "tmux", roles: ["bastion", "dev"], bin: ["tmux"] },
  { name: "htop", roles: ["bastion", "dev", "kafka"], bin: ["htop"] },
];

const PYTHON: Record<string, string> = { "22.04": "python3.10", "20.04": "python3.8", "9": "python3.9", "8": "python3.6" };

/** The packages installed on this machine, with the distribution's Python. */
export function packagesFor(p: Profile): PackageSpec[] {
  const py = PYTHON[p.release] ?? "python3.10";
  return PACKAGES.filter(
    (pkg) => (pkg.only === undefined || pkg.only === p.distro) && (pkg.roles === undefined || pkg.roles.some((r) => p.roles.has(r))),
  ).map((pkg) => (pkg.name === "python3" ? { ...pkg, bin: [py], links: [["python3", py]] } : pkg));
}

const SETUID = new Set([
  "passwd",
  "chsh",
  "chfn",
  "gpasswd",
  "newgrp",
  "su",
  "sudo",
  "mount",
  "umount",
  "pkexec",
  "chage",
  "expiry",
  "crontab",
]);
const ROOT_ONLY = new Set(["visudo", "sshd", "useradd", "userdel", "usermod", "groupadd", "groupdel", "chpasswd", "newusers", "vipw"]);

/** ls-style mode for a binary on this distribution. */
export function binaryMode(name: string, distro: "ubuntu" | "rhel"): { mode: string; gid: number } {
  if (name.includes(".so")) return { mode: name.startsWith("ld-linux") ? "-rwxr-xr-x" : "-rw-r--r--", gid: 0 };
  if (name === "crontab") return distro === "ubuntu" ? { mode: "-rwxr-sr-x", gid: 107 } : { mode: "-rwsr-xr-x", gid: 0 };
  if (name === "chage" || name === "expiry") return distro === "ubuntu" ? { mode: "-rwxr-sr-x", gid: 42 } : { mode: "-rwxr-xr-x", gid: 0 };
  if (name === "ssh-agent" && distro === "ubuntu") return { mode: "-rwxr-sr-x", gid: 114 };
  if (SETUID.has(name)) return { mode: "-rwsr-xr-x", gid: 0 };
  if (ROOT_ONLY.has(name) && distro === "rhel") return { mode: "-rwx------", gid: 0 };
  return { mode: "-rwxr-xr-x", gid: 0 };
}

/** Typical sizes (bytes) of well-known binaries; the rest get a plausible size from their name's hash. */
export const KNOWN_SIZES: Record<string, number> = {
  bash: 1396520,
  dash: 125688,
  ls: 138208,
  sudo: 232416,
  sshd: 921288,
  ssh: 846888,
  systemctl: 996584,
  journalctl: 84480,
  "python3.10": 5912032,
  "python3.8": 5490352,
  "python3.9": 14400,
  "python3.6": 11408,
  perl: 3478464,
  git: 3852448,
  "vim.basic": 3617992,
  vi: 1187408,
  vim: 3810112,
  node: 96348312,
  docker: 35578488,
  dockerd: 98004568,
  containerd: 39710824,
  runc: 10705944,
  curl: 260328,
  openssl: 1022000,
  tar: 531384,
  rsync: 512120,
  nginx: 1234400,
  psql: 716216,
  "redis-server": 2012616,
  gcc: 1162432,
  "g++": 1166528,
  cpp: 1162432,
  snap: 22011584,
  passwd: 59976,
  login: 48064,
  su: 55672,
  mount: 47480,
  pkexec: 30872,
  ip: 727888,
  jq: 31048,
  kmod: 170760,
  "dnf-3": 2092,
  rpm: 22016,
  crontab: 43720,
  "cloud-init": 952,
  "cloud-id": 956,
  htop: 297000,
  tmux: 1030432,
  "unattended-upgrade": 98320,
};
