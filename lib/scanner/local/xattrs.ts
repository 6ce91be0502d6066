// Extended attributes of a file as inventory columns: POSIX ACLs and file capabilities decoded to the text getfacl
// and getcap print, the SELinux label as is, and every other attribute by name and a hash of its value.
// Node has no xattr call: @napi-rs/xattr ships prebuilt binaries (l*xattr: a link's own attributes, never its
// target's).
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { getAttributeSync, listAttributesSync } from "@napi-rs/xattr";

export interface ExtendedAttrs {
  xattrs: string | null;
  posixAcl: string | null;
  capabilities: string | null;
  selinuxContext: string | null;
}

export const NO_EXTENDED: ExtendedAttrs = { xattrs: null, posixAcl: null, capabilities: null, selinuxContext: null };

const ACL_ACCESS = "system.posix_acl_access";
const ACL_DEFAULT = "system.posix_acl_default";
const CAPABILITY = "security.capability";
const SELINUX = "security.selinux";

const ACL_TAGS: Record<number, string> = { 0x01: "user", 0x02: "user", 0x04: "group", 0x08: "group", 0x10: "mask", 0x20: "other" };
/** Tags whose entry names a user or group id (the others apply to the owner, owning group, mask or everyone). */
const NAMED_TAGS = new Set([0x02, 0x08]);

/** A POSIX ACL xattr (version 2: a 4-byte header, then 8-byte entries tag/perm/id) as `user::rw-,user:1000:r--,…`. */
export function decodePosixAcl(buf: Uint8Array): string {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 4 || view.getUint32(0, true) !== 2) return `unreadable ACL (${buf.byteLength} bytes)`;
  const parts: string[] = [];
  for (let at = 4; at + 8 <= buf.byteLength; at += 8) {
    const tag = view.getUint16(at, true);
    const perm = view.getUint16(at + 2, true);
    const id = view.getUint32(at + 4, true);
    const rwx = (perm & 4 ? "r" : "-") + (perm & 2 ? "w" : "-") + (perm & 1 ? "x" : "-");
    parts.push(`${ACL_TAGS[tag] ?? `tag${tag}`}:${NAMED_TAGS.has(tag) ? id : ""}:${rwx}`);
  }
  return parts.join(",");
}

/** Capability numbers to names, as in linux/capability.h. */
const CAP_NAMES = [
  "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap", "linux_immutable",
  "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
  "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time",
  "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog",
  "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
]; // prettier-ignore

const VFS_CAP_REVISION_MASK = 0xff000000;
const VFS_CAP_FLAGS_EFFECTIVE = 0x000001;

/**
 * A security.capability xattr (struct vfs_cap_data, revisions 1 to 3) as getcap prints it: capabilities with the
 * same flags grouped, `cap_net_raw,cap_setuid=ep`; a namespaced (v3) capability adds its root uid.
 */
export function decodeCapabilities(buf: Uint8Array): string {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12) return `unreadable capabilities (${buf.byteLength} bytes)`;
  const magic = view.getUint32(0, true);
  const revision = (magic & VFS_CAP_REVISION_MASK) >>> 24;
  const words = revision === 1 ? 1 : 2;
  if (buf.byteLength < 4 + words * 8) return `unreadable capabilities (${buf.byteLength} bytes)`;
  const effective = (magic & VFS_CAP_FLAGS_EFFECTIVE) !== 0;
  const groups = new Map<string, string[]>();
  for (let cap = 0; cap < words * 32; cap++) {
    const word = 4 + (cap >> 5) * 8;
    const bit = 1 << (cap & 31);
    const permitted = (view.getUint32(word, true) & bit) !== 0;
    const inheritable = (view.getUint32(word + 4, true) & bit) !== 0;
    if (!permitted && !inheritable) continue;
    // The effective flag raises every permitted or inheritable capability (libcap reads it the same way).
    const flags = (effective ? "e" : "") + (inheritable ? "i" : "") + (permitted ? "p" : "");
    const list = groups.get(flags) ?? [];
    list.push(`cap_${CAP_NAMES[cap] ?? cap}`);
    groups.set(flags, list);
  }
  const text = [...groups].map(([flags, caps]) => `${caps.join(",")}=${flags}`).join(" ");
  const rootId = revision === 3 && buf.byteLength >= 24 ? view.getUint32(20, true) : 0;
  return rootId !== 0 ? `${text} [rootid=${rootId}]` : text || "(no capabilities)";
}

const valueHash = (v: Uint8Array) => createHash("sha256").update(v).digest("hex").slice(0, 16);

/** The extended attributes of the path itself (a link's own). Throws what the system call throws. */
export function readExtendedAttrs(path: string): ExtendedAttrs {
  const names = listAttributesSync(path);
  if (names.length === 0) return NO_EXTENDED;
  return decodeExtended(names.map((name) => [name, getAttributeSync(path, name)]));
}

/** Extended attributes as columns, from (name, value) pairs as listxattr/getxattr give them (a hashing thread's). */
export function decodeExtended(pairs: readonly (readonly [string, Uint8Array | null])[]): ExtendedAttrs {
  if (pairs.length === 0) return NO_EXTENDED;
  const other: string[] = [];
  let access: string | null = null;
  let dflt: string | null = null;
  let capabilities: string | null = null;
  let selinuxContext: string | null = null;
  for (const [name, v] of [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (v === null) continue;
    if (name === ACL_ACCESS) access = decodePosixAcl(v);
    else if (name === ACL_DEFAULT) dflt = decodePosixAcl(v);
    else if (name === CAPABILITY) capabilities = decodeCapabilities(v);
    else if (name === SELINUX) selinuxContext = Buffer.from(v).toString("utf8").replace(/\0+$/, "");
    else other.push(`${name} sha256:${valueHash(v)}`);
  }
  const posixAcl = access === null && dflt === null ? null : [access, dflt === null ? null : `default:${dflt}`].filter(Boolean).join(" ");
  return { xattrs: other.length ? other.join("\n") : null, posixAcl, capabilities, selinuxContext };
}

/**
 * Where the binding's module is, for the hashing threads (plain JavaScript, loaded by path): resolved from this
 * module, else from the working directory (a bundled scanner), else null (the walking thread reads instead).
 */
export function xattrModulePath(): string | null {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), "package.json")).href]) {
    try {
      return createRequire(base).resolve("@napi-rs/xattr");
    } catch {
      // Not resolvable from there: try the next base.
    }
  }
  return null;
}

/** Filesystems without xattr support answer ENOTSUP: the file simply has none. */
export function noXattrSupport(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /not supported|\(os error 95\)|\(os error 61\)/i.test(message);
}
