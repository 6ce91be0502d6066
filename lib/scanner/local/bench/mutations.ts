// The mutations of `npm run bench:detect` and of its integration test: what an attacker or a careless admin does
// to a file system, each on files of its own under `fx/` so that what a tool reports can be matched to it.
// ACLs and capabilities are written as the kernel stores them (the bytes setfacl and setcap write), so no tool
// is needed; security.capability takes root, as setcap does.
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  lchownSync,
  linkSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { removeAttributeSync, setAttributeSync } from "@napi-rs/xattr";

/** setcap cap_setuid+ep, and cap_net_raw+ep (the bytes of security.capability, revision 2). */
export const CAP_SETUID = Buffer.from("0100000280000000000000000000000000000000", "hex");
const CAP_NET_RAW = Buffer.from("0100000200200000000000000000000000000000", "hex");
/** setfacl -m u:1000:rwx (user::rw-, user:1000:rwx, group::r--, mask::rwx, other::r--). */
export const ACL_USER = Buffer.from("0200000001000600ffffffff02000700e803000004000400ffffffff10000700ffffffff20000400ffffffff", "hex");
/** setfacl -d -m u:1000:r-x on a folder (the default ACL: user::rwx, user:1000:r-x, group::r-x, mask::r-x, other::r-x). */
const ACL_DEFAULT = Buffer.from("0200000001000700ffffffff02000500e803000004000500ffffffff10000500ffffffff20000500ffffffff", "hex");

export interface Mutation {
  name: string;
  /** Paths (relative to the tree) the mutation touches: a tool detects it when it reports any of them. */
  paths: string[];
  /** Prepares the files before the baseline. `sample(i)` is the i-th real file of the tree to copy. */
  setup(at: (rel: string) => string, sample: (i: number) => string): void;
  apply(at: (rel: string) => string, sample: (i: number) => string): void;
}

const file = (at: (rel: string) => string, sample: (i: number) => string, rel: string, i: number) => copyFileSync(sample(i), at(rel));
const noop = () => {};
const DEEP = Array.from({ length: 30 }, (_, i) => `level${i}`).join("/");
/** Folders that stay under PATH_MAX (4096) below a short root, and a file name that takes the path over it. */
const LONG_DIRS = Array.from({ length: 20 }, () => "p".repeat(200)).join("/");
const LONG_NAME = "n".repeat(200);

/** Rewrites a byte in the middle without changing the size. */
function flipByte(path: string): void {
  const size = statSync(path).size;
  const old = readFileSync(path)[Math.floor(size / 2)];
  const fd = openSync(path, "r+");
  try {
    writeSync(fd, Buffer.from([old ^ 0xff]), 0, 1, Math.floor(size / 2));
  } finally {
    closeSync(fd);
  }
}

const m = (name: string, paths: string[], setup: Mutation["setup"], apply: Mutation["apply"]): Mutation => ({ name, paths, setup, apply });
const f =
  (rel: string, i: number): Mutation["setup"] =>
  (at, s) =>
    file(at, s, rel, i);

export const MUTATIONS: readonly Mutation[] = [
  m("content, size grows", ["fx/grow"], f("fx/grow", 0), (at) => appendFileSync(at("fx/grow"), "\n# appended\n")),
  m("content, same size", ["fx/same-size"], f("fx/same-size", 1), (at) => flipByte(at("fx/same-size"))),
  m("content, mtime restored", ["fx/mtime-restored"], f("fx/mtime-restored", 2), (at) => {
    const st = statSync(at("fx/mtime-restored"));
    flipByte(at("fx/mtime-restored"));
    utimesSync(at("fx/mtime-restored"), st.atime, st.mtime);
  }),
  m("mtime only (touch)", ["fx/touched"], f("fx/touched", 3), (at) =>
    utimesSync(at("fx/touched"), new Date(), new Date(2_000_000_000_000)),
  ),
  m("chmod u+s (setuid)", ["fx/setuid"], f("fx/setuid", 4), (at) => chmodSync(at("fx/setuid"), 0o4755)),
  m("chmod 777", ["fx/world"], f("fx/world", 5), (at) => chmodSync(at("fx/world"), 0o777)),
  m("chmod 600", ["fx/private"], f("fx/private", 6), (at) => chmodSync(at("fx/private"), 0o600)),
  m("chown (user)", ["fx/owner"], f("fx/owner", 7), (at) => chownSync(at("fx/owner"), 1234, 0)),
  m("chgrp (group)", ["fx/group"], f("fx/group", 8), (at) => chownSync(at("fx/group"), 0, 2345)),
  m("xattr added", ["fx/xattr-new"], f("fx/xattr-new", 9), (at) => setAttributeSync(at("fx/xattr-new"), "user.origin", "dropper")),
  m(
    "xattr value changed",
    ["fx/xattr-changed"],
    (at, s) => {
      file(at, s, "fx/xattr-changed", 10);
      setAttributeSync(at("fx/xattr-changed"), "user.note", "reviewed");
    },
    (at) => setAttributeSync(at("fx/xattr-changed"), "user.note", "tampered"),
  ),
  m("ACL entry added (setfacl -m u:1000:rwx)", ["fx/acl"], f("fx/acl", 11), (at) =>
    setAttributeSync(at("fx/acl"), "system.posix_acl_access", ACL_USER),
  ),
  m(
    "default ACL on a folder",
    ["fx/acl-dir"],
    (at) => mkdirSync(at("fx/acl-dir")),
    (at) => setAttributeSync(at("fx/acl-dir"), "system.posix_acl_default", ACL_DEFAULT),
  ),
  m("capability added (setcap cap_setuid+ep)", ["fx/cap-added"], f("fx/cap-added", 12), (at) =>
    setAttributeSync(at("fx/cap-added"), "security.capability", CAP_SETUID),
  ),
  m(
    "capability removed (setcap -r)",
    ["fx/cap-removed"],
    (at, s) => {
      file(at, s, "fx/cap-removed", 13);
      setAttributeSync(at("fx/cap-removed"), "security.capability", CAP_NET_RAW);
    },
    (at) => removeAttributeSync(at("fx/cap-removed"), "security.capability"),
  ),
  m("hard link made", ["fx/hardlink-src", "fx/hardlink-new"], f("fx/hardlink-src", 14), (at) =>
    linkSync(at("fx/hardlink-src"), at("fx/hardlink-new")),
  ),
  m(
    "symlink retargeted",
    ["fx/link-retarget"],
    (at, s) => {
      file(at, s, "fx/target-a", 15);
      file(at, s, "fx/target-b", 15);
      symlinkSync("target-a", at("fx/link-retarget"));
    },
    (at) => {
      symlinkSync("target-b", at("fx/link-retarget.tmp"));
      renameSync(at("fx/link-retarget.tmp"), at("fx/link-retarget"));
    },
  ),
  m(
    "symlink owner (chown -h)",
    ["fx/link-owner"],
    (at) => symlinkSync("target-a", at("fx/link-owner")),
    (at) => lchownSync(at("fx/link-owner"), 1234, 1234),
  ),
  m(
    "symlink replaced by file",
    ["fx/link-to-file"],
    (at) => symlinkSync("target-a", at("fx/link-to-file")),
    (at) => {
      unlinkSync(at("fx/link-to-file"));
      copyFileSync(at("fx/target-a"), at("fx/link-to-file"));
    },
  ),
  m("file replaced by symlink", ["fx/file-to-link"], f("fx/file-to-link", 15), (at) => {
    unlinkSync(at("fx/file-to-link"));
    symlinkSync("target-a", at("fx/file-to-link"));
  }),
  m("file replaced by folder", ["fx/file-to-dir"], f("fx/file-to-dir", 16), (at) => {
    unlinkSync(at("fx/file-to-dir"));
    mkdirSync(at("fx/file-to-dir"));
  }),
  m(
    "folder replaced by file",
    ["fx/dir-to-file"],
    (at) => mkdirSync(at("fx/dir-to-file")),
    (at, s) => {
      rmSync(at("fx/dir-to-file"), { recursive: true });
      file(at, s, "fx/dir-to-file", 17);
    },
  ),
  m(
    "folder chmod 777",
    ["fx/dir-777"],
    (at) => mkdirSync(at("fx/dir-777")),
    (at) => chmodSync(at("fx/dir-777"), 0o777),
  ),
  m(
    "folder setgid",
    ["fx/dir-sgid"],
    (at) => mkdirSync(at("fx/dir-sgid")),
    (at) => chmodSync(at("fx/dir-sgid"), 0o2755),
  ),
  m(
    "folder chown",
    ["fx/dir-owner"],
    (at) => mkdirSync(at("fx/dir-owner")),
    (at) => chownSync(at("fx/dir-owner"), 1234, 1234),
  ),
  m("new empty folder", ["fx/new-dir"], noop, (at) => mkdirSync(at("fx/new-dir"))),
  m(
    "folder removed with its file",
    ["fx/gone-dir", "fx/gone-dir/inner"],
    (at, s) => {
      mkdirSync(at("fx/gone-dir"));
      file(at, s, "fx/gone-dir/inner", 18);
    },
    (at) => rmSync(at("fx/gone-dir"), { recursive: true }),
  ),
  m("file removed", ["fx/removed"], f("fx/removed", 19), (at) => unlinkSync(at("fx/removed"))),
  m("file added", ["fx/added"], noop, (at, s) => file(at, s, "fx/added", 20)),
  m("file renamed", ["fx/rename-from", "fx/rename-to"], f("fx/rename-from", 21), (at) =>
    renameSync(at("fx/rename-from"), at("fx/rename-to")),
  ),
  m("replaced by a copy, times kept (cp -p, mv)", ["fx/replaced"], f("fx/replaced", 22), (at) => {
    const st = statSync(at("fx/replaced"));
    copyFileSync(at("fx/replaced"), at("fx/replaced.new"));
    utimesSync(at("fx/replaced.new"), st.atime, st.mtime);
    renameSync(at("fx/replaced.new"), at("fx/replaced"));
  }),
  m("FIFO created", ["fx/fifo"], noop, (at) => execFileSync("mkfifo", [at("fx/fifo")])),
  m("name with spaces", ["fx/name with spaces.sh"], noop, (at) => writeFileSync(at("fx/name with spaces.sh"), "#!/bin/sh\nid\n")),
  m("unicode name", ["fx/ünïcødé-名前.conf"], noop, (at) => writeFileSync(at("fx/ünïcødé-名前.conf"), "x=1\n")),
  m("newline in name", ["fx/new\nline"], noop, (at) => writeFileSync(at("fx/new\nline"), "hidden\n")),
  m("deep path (30 levels)", [`fx/deep/${DEEP}/payload`], noop, (at) => {
    mkdirSync(at(`fx/deep/${DEEP}`), { recursive: true });
    writeFileSync(at(`fx/deep/${DEEP}/payload`), "x");
  }),
  m("path over PATH_MAX", [`fx/long/${LONG_DIRS}/${LONG_NAME}`], noop, (at) => {
    mkdirSync(at(`fx/long/${LONG_DIRS}`), { recursive: true });
    // The full path is too long for open(): written from inside its folder.
    execFileSync("sh", ["-c", `cd "$1" && printf x > "$2"`, "sh", at(`fx/long/${LONG_DIRS}`), LONG_NAME]);
  }),
];

/** Paths a mutation may make a tool report besides its own: folders it creates on the way. */
export function relatedPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 2; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  }
  return out;
}

export const setupAll = (root: string, sample: (i: number) => string) => {
  mkdirSync(join(root, "fx"), { recursive: true });
  for (const mu of MUTATIONS) mu.setup((rel) => join(root, rel), sample);
};
export const applyAll = (root: string, sample: (i: number) => string) => {
  for (const mu of MUTATIONS) mu.apply((rel) => join(root, rel), sample);
};
