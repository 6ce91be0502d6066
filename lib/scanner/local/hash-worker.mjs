// Hashing thread of the local file scanner. Plain ESM JavaScript on purpose: it is started with `new Worker(url)`
// and must load the same way under plain Node, tsx and vitest, with no TypeScript loader in the thread.
//
// Synchronous calls and one reused buffer: per-call overhead of async file I/O, not SHA-256, decides the speed of a
// scan of many small files (issue 3: 19 s async vs 5.2 s sync on a copy of /usr). The thread opens, fstats, reads
// and closes each file itself, so the metadata it returns describes exactly the bytes it hashed, and the walking
// thread needs no lstat for a file it has not seen before.
//
// Request:  { id, paths: string[], follow: Uint8Array, upload: Uint8Array, md5: Uint8Array, maxUpload: number }
// Response: { id, sha, md5, code, message, content: per-file arrays; bytes: Float64Array;
//             num: Float64Array [mode, uid, gid, mtimeMs, ctimeMs, nlink] per file (mode 0: no metadata);
//             big: BigUint64Array [ino, size] per file } with the typed arrays and contents transferred.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";

const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW, O_NOATIME } = constants;
// The xattr binding, by path (see xattrModulePath); without it the walking thread reads extended attributes.
const xattr = workerData?.xattrModule ? createRequire(import.meta.url)(workerData.xattrModule) : null;

/** A file's own extended attributes as [name, value] pairs; a system error is reported, unsupported means none. */
function extendedOf(i, path, res) {
  try {
    const names = xattr.listAttributesSync(path);
    res.xattrs[i] = names.map((name) => [name, xattr.getAttributeSync(path, name)]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    res.xattrs[i] = [];
    if (!/not supported|\(os error 95\)/i.test(message)) res.xattrError[i] = message;
  }
}
// 256 KiB: large enough that syscalls are few, small enough that the bytes are still in cache when hashed.
const buffer = Buffer.allocUnsafe(workerData?.bufferBytes ?? 256 << 10);

// On Linux a niceness set with pid 0 applies to the calling thread only: the hashing threads yield to the host.
if (typeof workerData?.nice === "number" && workerData.nice > 0) {
  try {
    setPriority(workerData.nice);
  } catch {
    // Not allowed here (some sandboxes): scanning still works at normal priority.
  }
}

// The I/O budget is shared by all hashing threads: a counter of bytes read since the pool started, in shared
// memory. A thread ahead of the budget blocks itself (only itself) until the budget catches up.
const bytesPerSec = workerData?.bytesPerSec ?? 0;
const readSoFar = workerData?.budgetCounter ? new BigInt64Array(workerData.budgetCounter) : null;
const pauseCell = new Int32Array(new SharedArrayBuffer(4));
function pace(n) {
  if (bytesPerSec <= 0 || readSoFar === null) return;
  const total = Number(Atomics.add(readSoFar, 0, BigInt(n))) + n;
  const wait = workerData.startedAt + (total / bytesPerSec) * 1000 - Date.now();
  if (wait >= 1) Atomics.wait(pauseCell, 0, 0, wait);
}

// O_NONBLOCK: if a regular file was swapped for a FIFO after the walk saw it, open() must not wait for a writer.
// O_NOFOLLOW: a file swapped for a symbolic link is refused (ELOOP) unless the rule follows links.
// O_NOATIME keeps the scan from touching access times; only the owner (or root) may ask for it.
let noAtime = O_NOATIME ?? 0;
function openFile(path, follow) {
  const flags = O_RDONLY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
  try {
    return openSync(path, flags | noAtime);
  } catch (err) {
    if (err?.code !== "EPERM" || noAtime === 0) throw err;
    noAtime = 0;
    return openSync(path, flags);
  }
}

class NotRegularError extends Error {
  code = "ENOTREG";
}

function hashBatch(req) {
  const n = req.paths.length;
  const res = {
    id: req.id,
    sha: new Array(n).fill(null),
    md5: new Array(n).fill(null),
    code: new Array(n).fill(null),
    message: new Array(n).fill(null),
    content: new Array(n).fill(null),
    // Per file: [name, value][] when read here, null when left to the walking thread (no binding, or followed).
    xattrs: new Array(n).fill(null),
    xattrError: new Array(n).fill(null),
    bytes: new Float64Array(n),
    num: new Float64Array(n * 6),
    big: new BigUint64Array(n * 2),
  };
  const meta = (i, st) => {
    const at = i * 6;
    res.num[at] = Number(st.mode);
    res.num[at + 1] = Number(st.uid);
    res.num[at + 2] = Number(st.gid);
    res.num[at + 3] = Number(st.mtimeMs);
    res.num[at + 4] = Number(st.ctimeMs);
    res.num[at + 5] = Number(st.nlink);
    res.big[i * 2] = st.ino;
    res.big[i * 2 + 1] = st.size;
  };
  const fail = (i, err) => {
    res.code[i] = typeof err?.code === "string" ? err.code : null;
    res.message[i] = err instanceof Error ? err.message : String(err);
  };

  for (let i = 0; i < n; i++) {
    const path = req.paths[i];
    const follow = req.follow[i] === 1;
    let fd;
    try {
      fd = openFile(path, follow);
    } catch (err) {
      fail(i, err);
      // Permission denied: the file is still inventoried with what lstat tells; only its hash is missing.
      if (err?.code !== "ENOENT") {
        try {
          meta(i, follow ? statSync(path, { bigint: true }) : lstatSync(path, { bigint: true }));
          if (xattr !== null && !follow) extendedOf(i, path, res);
        } catch {
          // Gone as well: no metadata.
        }
      }
      continue;
    }
    try {
      const st = fstatSync(fd, { bigint: true });
      meta(i, st);
      if (!st.isFile()) throw new NotRegularError("Not a regular file; it was not read");
      const hash = createHash("sha256");
      const md5 = req.md5?.[i] === 1 ? createHash("md5") : null;
      let total = 0;
      let chunks = req.upload[i] === 1 && st.size <= BigInt(req.maxUpload) ? [] : null;
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        const chunk = buffer.subarray(0, n);
        hash.update(chunk);
        md5?.update(chunk);
        total += n;
        pace(n);
        if (chunks !== null) {
          if (total <= req.maxUpload) chunks.push(Uint8Array.prototype.slice.call(chunk));
          else chunks = null; // grew past the upload limit while read: hash only
        }
        // A short read of a regular file is its end: saves the final zero-length read on small files.
        if (n < buffer.length) break;
      }
      res.sha[i] = hash.digest("hex");
      if (md5 !== null) res.md5[i] = md5.digest("hex");
      res.bytes[i] = total;
      if (xattr !== null && !follow) extendedOf(i, path, res);
      if (chunks !== null) {
        const content = new Uint8Array(total);
        let at = 0;
        for (const c of chunks) {
          content.set(c, at);
          at += c.length;
        }
        res.content[i] = content;
      }
    } catch (err) {
      fail(i, err);
    } finally {
      closeSync(fd);
    }
  }
  return res;
}

parentPort.on("message", (req) => {
  const res = hashBatch(req);
  const transfer = [res.bytes.buffer, res.num.buffer, res.big.buffer];
  for (const c of res.content) if (c !== null) transfer.push(c.buffer);
  parentPort.postMessage(res, transfer);
});
