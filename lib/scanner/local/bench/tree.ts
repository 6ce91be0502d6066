// The benchmark's generated tree: 100,000 files in 1,000 folders, a mix of sizes (~3.3 GB), written fast from
// one random pool (every file gets a unique header, so every hash differs), then 100 files modified, 100 added
// and 100 removed.
import { randomFillSync } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, lstatSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export const TREE_FILES = 100_000;
const TOP = 50;
const SUB = 20; // 50 × 20 = 1,000 leaf folders of 100 files
const POOL_BYTES = 8 << 20;
const HUGE_FILES = 4;
const HUGE_BYTES = 64 << 20;

/** Deterministic PRNG (mulberry32): the same tree every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly small files, as in /usr or /etc, with a tail of large ones: 60% ≤4 KiB, 30% ≤32 KiB, 9.5% ≤256 KiB, 0.5% ≤4 MiB. */
function sizeOf(i: number, rand: () => number): number {
  if (i < HUGE_FILES) return HUGE_BYTES;
  const r = rand();
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo));
  if (r < 0.6) return between(64, 4 << 10);
  if (r < 0.9) return between(4 << 10, 32 << 10);
  if (r < 0.995) return between(32 << 10, 256 << 10);
  return between(256 << 10, 4 << 20);
}

export const filePath = (root: string, i: number) =>
  join(root, `d${String(i % TOP).padStart(2, "0")}`, `s${String(Math.floor(i / TOP) % SUB).padStart(2, "0")}`, `f${i}.dat`);

let pool: Buffer | null = null;
function randomPool(): Buffer {
  if (pool === null) pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
  return pool;
}

/** Writes `size` bytes: a header naming the file and its version, then slices of the pool from a varying offset. */
function writeFile(path: string, size: number, tag: string, seed: number): void {
  const data = randomPool();
  const header = Buffer.from(`${tag}:${path}\n`);
  const fd = openSync(path, "w", 0o644);
  try {
    let written = writeSync(fd, header, 0, Math.min(header.length, size));
    let offset = (seed * 7919) % (POOL_BYTES - 1);
    while (written < size) {
      const n = Math.min(size - written, POOL_BYTES - offset);
      written += writeSync(fd, data, offset, n);
      offset = 0;
    }
  } finally {
    closeSync(fd);
  }
}

export interface TreeInfo {
  files: number;
  bytes: number;
}

/** Lets signals (Ctrl-C) and I/O events in during long loops; tsx expects a child to answer a signal quickly. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function generateTree(root: string): Promise<TreeInfo> {
  for (let t = 0; t < TOP; t++)
    for (let s = 0; s < SUB; s++)
      mkdirSync(join(root, `d${String(t).padStart(2, "0")}`, `s${String(s).padStart(2, "0")}`), { recursive: true });
  const rand = prng(20261125);
  let bytes = 0;
  for (let i = 0; i < TREE_FILES; i++) {
    const size = sizeOf(i, rand);
    writeFile(filePath(root, i), size, "v1", i);
    bytes += size;
    if (i % 64 === 0) await breathe();
  }
  return { files: TREE_FILES, bytes };
}

export interface Mutation {
  modified: string[];
  added: string[];
  removed: string[];
}

/** 100 files rewritten in place with the same size (only content and times change), 100 added, 100 removed. */
export function mutateTree(root: string): Mutation {
  const m: Mutation = { modified: [], added: [], removed: [] };
  for (let k = 0; k < 100; k++) {
    const modified = filePath(root, k * 1000 + 17);
    writeFile(modified, lstatSync(modified).size, "v2", k);
    m.modified.push(modified);
    const removed = filePath(root, k * 1000 + 503);
    unlinkSync(removed);
    m.removed.push(removed);
    const added = join(root, `d${String(k % TOP).padStart(2, "0")}`, `s${String(k % SUB).padStart(2, "0")}`, `new${k}.dat`);
    writeFile(added, 1000 + k * 97, "new", k);
    m.added.push(added);
  }
  return m;
}

/** The lstat floor: readdir and lstat of every entry, on one thread; returns the number of entries. */
export async function lstatEverything(root: string): Promise<number> {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      n++;
      if (lstatSync(p).isDirectory()) stack.push(p);
    }
    await breathe();
  }
  return n;
}
