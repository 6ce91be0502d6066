// How file metadata is written into inventory columns, and how system errors read on the machine's page.
import { constants } from "node:fs";

const { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK } = constants;

const TYPE_CHAR: Record<number, string> = {
  [S_IFREG]: "-",
  [S_IFDIR]: "d",
  [S_IFLNK]: "l",
  [S_IFIFO]: "p",
  [S_IFSOCK]: "s",
  [S_IFCHR]: "c",
  [S_IFBLK]: "b",
};

const TYPE_NAME: Record<number, string> = {
  [S_IFREG]: "file",
  [S_IFDIR]: "directory",
  [S_IFLNK]: "symlink",
  [S_IFIFO]: "fifo",
  [S_IFSOCK]: "socket",
  [S_IFCHR]: "character device",
  [S_IFBLK]: "block device",
};

/** `ls -l` style mode: type, then rwx for user, group and other with setuid/setgid/sticky as s/S, s/S, t/T. */
export function modeString(mode: number): string {
  const type = TYPE_CHAR[mode & S_IFMT] ?? "?";
  const triad = (shift: number, special: number, on: string, off: string) => {
    const r = mode & (4 << shift) ? "r" : "-";
    const w = mode & (2 << shift) ? "w" : "-";
    const x = mode & (1 << shift);
    const xc = mode & special ? (x ? on : off) : x ? "x" : "-";
    return r + w + xc;
  };
  return type + triad(6, 0o4000, "s", "S") + triad(3, 0o2000, "s", "S") + triad(0, 0o1000, "t", "T");
}

/** The Acls column: mode, owner and group, e.g. "-rw-r--r-- uid=0 gid=0". */
export function aclString(mode: number, uid: number | bigint, gid: number | bigint): string {
  return `${modeString(mode)} uid=${uid} gid=${gid}`;
}

export function fileTypeName(mode: number): string {
  return TYPE_NAME[mode & S_IFMT] ?? "unknown";
}

export const isRegular = (mode: number) => (mode & S_IFMT) === S_IFREG;
export const isDirectory = (mode: number) => (mode & S_IFMT) === S_IFDIR;
export const isSymlink = (mode: number) => (mode & S_IFMT) === S_IFLNK;

/** Node's system errors carry an errno code; anything else is reported by its message. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A sentence for the machine's collection errors, from an errno code (or the raw message). */
export function describeError(code: string | undefined, fallback: string): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "Permission denied";
    case "ENOENT":
      return "The file vanished during the scan";
    case "ENOTDIR":
      return "A folder on the path was replaced by a file during the scan";
    case "ENOTREG":
      return "Replaced by a special file during the scan: it was not read";
    case "ELOOP":
      return "Replaced by a symbolic link during the scan (not followed)";
    case "EIO":
      return "Input/output error while reading";
    case "ENAMETOOLONG":
      return "Path too long for the system (over 4096 bytes): recorded by name only, its content and attributes cannot be read";
    case "EMFILE":
    case "ENFILE":
      return "Too many open files on the host";
    default:
      return code ? `${fallback} (${code})` : fallback;
  }
}

/**
 * Whether a process with this /proc/self/status reads every file whatever its mode: its effective capabilities
 * (CapEff) hold CAP_DAC_OVERRIDE (bit 1) or CAP_DAC_READ_SEARCH (bit 2), as a worker started without root but with
 * `AmbientCapabilities=CAP_DAC_READ_SEARCH` does.
 */
export function readsAnyFile(procStatus: string): boolean {
  const hex = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(procStatus)?.[1];
  return hex !== undefined && (BigInt(`0x${hex}`) & 0b110n) !== 0n;
}
