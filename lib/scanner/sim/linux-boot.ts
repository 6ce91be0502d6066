// Kernels in /boot and in-house tools in /usr/local/bin and /opt: both follow release streams (repo.ts).
import { type FileNode, type FileTree } from "./fs";
import { grubConfig } from "./linux-scripts";
import { hash32, identityHash } from "./prng";
import { DAY_MS, MINUTE_MS, SIM_EPOCH, type Profile } from "./profile";
import { buildTime, releaseIndex, releaseTime, stream, type Stream } from "./repo";
import { byteLength } from "./text";
import { sha256Hex } from "./prng";

export const kernelStream = (p: Profile): Stream =>
  stream(`${p.distro}${p.release}:${p.cloud === "aws" ? "aws" : "azure"}:kernel`, p.distro === "ubuntu" ? 24 : 35);

/** Kernel release name of stream index k, e.g. 6.8.0-1031-azure or 5.14.0-427.52.1.el9_4.x86_64. */
export function kernelName(p: Profile, k: number): string {
  const s = kernelStream(p);
  const n = k - releaseIndex(s, SIM_EPOCH);
  const flavour = p.cloud === "aws" ? "aws" : "azure";
  if (p.distro === "ubuntu") return p.release === "20.04" ? `5.15.0-${1080 + n}-${flavour}` : `6.8.0-${1030 + n}-${flavour}`;
  return p.release === "8" ? `4.18.0-553.${40 + n}.1.el8_10.x86_64` : `5.14.0-427.${50 + n}.1.el9_4.x86_64`;
}

/** How many kernels the package manager keeps (apt autoremove keeps 2, dnf installonly_limit=3). */
export const keptKernels = (p: Profile) => (p.distro === "ubuntu" ? 2 : 3);

const machineId = (p: Profile) => identityHash("machine-id", p.seed).slice(0, 32);

function bootFiles(p: Profile, version: string): [string, string, number][] {
  // [name, mode, size]
  const h = hash32(version);
  if (p.distro === "ubuntu") {
    return [
      [`config-${version}`, "-rw-r--r--", 270_000 + (h % 9000)],
      [`initrd.img-${version}`, "-rw-r--r--", 68_000_000 + (h % 6_000_000)],
      [`System.map-${version}`, "-rw-------", 6_200_000 + (h % 300_000)],
      [`vmlinuz-${version}`, "-rw-------", 13_200_000 + (h % 900_000)],
    ];
  }
  return [
    [`config-${version}`, "-rw-r--r--", 190_000 + (h % 9000)],
    [`initramfs-${version}.img`, "-rw-------", 36_000_000 + (h % 4_000_000)],
    [`System.map-${version}`, "-rw-------", 5_100_000 + (h % 300_000)],
    [`vmlinuz-${version}`, "-rwxr-xr-x", 11_400_000 + (h % 800_000)],
    [`symvers-${version}.gz`, "-rw-r--r--", 310_000 + (h % 9000)],
    [`.vmlinuz-${version}.hmac`, "-rw-r--r--", 166],
  ];
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

/** Installs kernel index k at instant `at` and removes the ones beyond the kept count; rewrites the boot menu. */
export function installKernel(fs: FileTree, p: Profile, k: number, at: number): void {
  const s = kernelStream(p);
  const version = kernelName(p, k);
  const built = buildTime(releaseTime(s, k), version);
  let t = at;
  for (const [name, mode, size] of bootFiles(p, version)) {
    t += 2000 + (hash32(name) % 9000);
    fs.put(`/boot/${name}`, {
      type: "file",
      size: BigInt(size),
      sha256: identityHash(p.distro, name),
      acls: `${mode} uid=0 gid=0`,
      attributes: "file",
      inode: fs.newInode(),
      created: name.startsWith("init") ? t + 40_000 : t,
      modified: name.startsWith("init") ? t + 40_000 : built,
    });
  }
  // Installed kernels are remembered as meta keys "kernel:<index>"; the oldest beyond the kept count go.
  fs.meta.set(`kernel:${k}`, 1);
  fs.meta.set("kernel", Math.max(k, fs.meta.get("kernel") ?? k));
  const installed = [...fs.meta.keys()]
    .filter((m) => m.startsWith("kernel:"))
    .map((m) => Number(m.slice(7)))
    .sort((a, b) => b - a);
  for (const old of installed.slice(keptKernels(p))) {
    fs.meta.delete(`kernel:${old}`);
    for (const [name] of bootFiles(p, kernelName(p, old))) fs.remove(`/boot/${name}`);
    if (p.distro === "rhel") fs.remove(`/boot/loader/entries/${machineId(p)}-${kernelName(p, old)}.conf`);
  }
  const kernels = installed.slice(0, keptKernels(p)).map((i) => kernelName(p, i));
  const end = at + 3 * MINUTE_MS;
  if (p.distro === "ubuntu") {
    fs.put("/boot/vmlinuz", linkNode(`vmlinuz-${kernels[0]}`, end, fs.newInode()));
    fs.put("/boot/initrd.img", linkNode(`initrd.img-${kernels[0]}`, end, fs.newInode()));
    if (kernels[1]) {
      fs.put("/boot/vmlinuz.old", linkNode(`vmlinuz-${kernels[1]}`, end, fs.newInode()));
      fs.put("/boot/initrd.img.old", linkNode(`initrd.img-${kernels[1]}`, end, fs.newInode()));
    }
  } else {
    fs.put(
      `/boot/loader/entries/${machineId(p)}-${version}.conf`,
      textFile(
        `title Red Hat Enterprise Linux (${version})\nversion ${version}\nlinux /vmlinuz-${version}\ninitrd /initramfs-${version}.img $tuned_initrd\noptions root=/dev/mapper/rootvg-rootlv ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M console=ttyS0,115200n8\ngrub_users $grub_users\ngrub_arg --unrestricted\ngrub_class rhel\n`,
        "-rw-r--r--",
        fs.newInode(),
        end,
      ),
    );
  }
  const grub = p.distro === "ubuntu" ? "/boot/grub/grub.cfg" : "/boot/grub2/grub.cfg";
  fs.put(
    grub,
    textFile(
      grubConfig(kernels, p.distro === "rhel" ? "rhel" : "ubuntu"),
      p.distro === "ubuntu" ? "-r--r--r--" : "-rw-------",
      fs.newInode(),
      end,
    ),
  );
}

export function textFile(
  text: string,
  mode: string,
  inode: bigint | null,
  at: number,
  modified = at,
  uid = 0,
  gid = 0,
): Omit<FileNode, "name"> {
  return {
    type: "file",
    text,
    size: BigInt(byteLength(text)),
    sha256: sha256Hex(text),
    acls: `${mode} uid=${uid} gid=${gid}`,
    attributes: "file",
    inode,
    created: at,
    modified,
  };
}

/** In-house and third-party tools in /usr/local/bin, per role: [name, release every N days, size]. */
export const LOCAL_TOOLS: Record<string, readonly (readonly [string, number, number])[]> = {
  all: [["node_exporter", 90, 19_862_528]],
  web: [
    ["contoso-web", 0.25, 24_117_248],
    ["webapp-healthcheck", 30, 2_318_336],
  ],
  api: [
    ["contoso-api", 0.3, 31_457_280],
    ["api-migrate", 0.9, 12_058_624],
  ],
  ci: [
    ["runner-hooks", 0.5, 8_388_608],
    ["terraform", 30, 84_934_656],
    ["kubectl", 30, 50_331_648],
    ["helm", 45, 52_428_800],
    ["gh", 14, 41_943_040],
  ],
  etl: [["etl-runner", 2, 28_311_552]],
  aws: [["aws", 7, 143_032]],
  bastion: [["ssh-session-audit", 60, 6_291_456]],
  pg: [["pg-backup", 90, 4_194_304]],
  kafka: [["kafka-healthcheck", 60, 3_145_728]],
  cache: [["redis-healthcheck", 60, 3_145_728]],
  batch: [["batch-worker", 3, 22_020_096]],
  dev: [["contoso-cli", 2, 18_874_368]],
};

export function localToolsFor(p: Profile): (readonly [string, number, number])[] {
  const groups = ["all", ...p.roles, ...(p.cloud === "aws" ? ["aws"] : [])];
  return [...new Set(groups)].flatMap((g) => LOCAL_TOOLS[g] ?? []);
}

export const toolKey = (name: string) => `tool:${name}`;
export const toolStream = (tool: readonly [string, number, number]): Stream => stream(toolKey(tool[0]), tool[1]);

/** Installs release k of a /usr/local/bin tool (built by CI, so mtime is the build time and the file is new). */
export function installTool(fs: FileTree, tool: readonly [string, number, number], k: number, at: number): void {
  const [name, every, size] = tool;
  const built = releaseTime(stream(toolKey(name), every), k) - (hash32(name, k) % 3600) * 1000;
  fs.put(`/usr/local/bin/${name}`, {
    type: "file",
    size: BigInt(size + (hash32(name, k, "size") % 65536) - 32768),
    sha256: identityHash(name, k),
    acls: "-rwxr-xr-x uid=0 gid=0",
    attributes: "file",
    inode: fs.newInode(),
    created: at,
    modified: Math.min(built, at),
    pkg: toolKey(name),
  });
  fs.meta.set(toolKey(name), k);
}

export const toolLag = (p: Profile, name: string) => (1 + (hash32(p.seed, name) % 6)) * DAY_MS;
