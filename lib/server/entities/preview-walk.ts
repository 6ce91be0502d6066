import "server-only";
import type { Dir } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { matchesLastSegment, splitPattern } from "@/lib/domain/wildcard";
import type { LinksMode, PathType } from "@/lib/domain/types";

/** A Linux file rule as the editor holds it. */
export type LinuxRule = { path: string; pathType: PathType | null; recursion: boolean; links: LinksMode | null };

export type WalkLimits = {
  /** Directory entries looked at before stopping. */
  maxEntries: number;
  /** Wall-clock budget in milliseconds. */
  budgetMs: number;
  sampleSize: number;
  now?: () => number;
};

export type WalkResult = {
  count: number;
  /** Every file found (at most `maxEntries`, the entries looked at), and the first `sampleSize` of them, sorted. */
  paths: string[];
  sample: string[];
  unreadable: number;
  /** Folders and files the guard kept out (Vigil's own data, or outside the allow-list): not counted, not listed. */
  refused: number;
  truncatedReason: string | null;
  notes: string[];
};

/** May this real path (a folder about to be listed, or a file) be shown? Symbolic links are resolved first. */
export type WalkGuard = (realPath: string) => boolean;

// Kernel-generated file systems: endless, ever-changing, and reading some of their files has side effects.
const VIRTUAL_ROOTS = ["/proc", "/sys"];
export const isVirtual = (p: string) => VIRTUAL_ROOTS.some((root) => p === root || p.startsWith(`${root}/`));

const code = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code ?? "";

/**
 * Counts the files a Linux rule matches now on this host, the way the rule reads: one file; files matching a
 * last-segment wildcard in a folder (and its subfolders with Recursion); or the files of a directory (and its
 * subtree with Recursion). Bounded by entries and time, iterative (no deep recursion), symlinks per Links with a
 * loop guard, and never into /proc or /sys. With a guard, nothing it refuses is listed or counted.
 */
export async function walkLinuxRule(rule: LinuxRule, limits: WalkLimits, guard?: WalkGuard): Promise<WalkResult> {
  const now = limits.now ?? Date.now;
  const deadline = now() + limits.budgetMs;
  const links = rule.links ?? "FOLLOW";
  const res: WalkResult = { count: 0, paths: [], sample: [], unreadable: 0, refused: 0, truncatedReason: null, notes: [] };
  let visited = 0;
  const seenDirs = new Set<string>();

  /** The guard's answer for a real path; a refusal is counted. */
  const shown = (real: string) => {
    if (!guard || guard(real)) return true;
    res.refused += 1;
    return false;
  };
  const found = (p: string) => {
    res.count += 1;
    res.paths.push(p);
    if (res.sample.length < limits.sampleSize) res.sample.push(p);
  };
  const outOfBudget = () => {
    if (res.truncatedReason) return true;
    if (visited >= limits.maxEntries) res.truncatedReason = `stopped after looking at ${limits.maxEntries.toLocaleString("en-US")} entries`;
    else if (now() > deadline) res.truncatedReason = `stopped after ${(limits.budgetMs / 1000).toLocaleString("en-US")} s`;
    return res.truncatedReason !== null;
  };
  /** A directory is entered once, however many links lead to it. */
  const enterOnce = async (dir: string) => {
    try {
      const st = await fs.stat(dir);
      const key = `${st.dev}:${st.ino}`;
      if (seenDirs.has(key)) return false;
      seenDirs.add(key);
      return true;
    } catch {
      return false;
    }
  };

  /** Walks directories from a stack: `rule.file` says which names count at a depth, `rule.descend` which folders to enter. */
  async function walk(start: string, rule: LevelRule) {
    const stack: { dir: string; depth: number }[] = [{ dir: start, depth: 0 }];
    while (stack.length > 0 && !outOfBudget()) {
      const { dir, depth } = stack.pop()!;
      if (isVirtual(dir) || !(await enterOnce(dir))) continue;
      const realDir = guard ? await fs.realpath(dir).catch(() => null) : dir;
      if (realDir === null || !shown(realDir)) continue;
      let handle: Dir;
      try {
        handle = await fs.opendir(dir, { bufferSize: 64 });
      } catch (err) {
        if (code(err) === "EACCES" || code(err) === "EPERM") res.unreadable += 1;
        else if (depth === 0 && code(err) === "ENOENT") res.notes.push(`${start} does not exist on this host now.`);
        else if (depth === 0 && code(err) === "ENOTDIR") res.notes.push(`${start} is a file, not a folder: choose Path Type File.`);
        continue;
      }
      for await (const entry of handle) {
        visited += 1;
        if (outOfBudget()) break; // leaving the loop closes the directory
        const full = path.join(dir, entry.name);
        let real = path.join(realDir, entry.name);
        let isDir = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          if (links === "IGNORE") continue;
          if (links === "MANAGE") {
            if (rule.file(depth, entry.name) && shown(real)) found(full); // the link itself is the item
            continue;
          }
          try {
            const target = await fs.realpath(full);
            if (isVirtual(target)) continue;
            real = target;
            isDir = (await fs.stat(target)).isDirectory();
          } catch (err) {
            if (code(err) === "EACCES") res.unreadable += 1;
            continue; // a dangling link has nothing to follow
          }
        }
        if (isDir) {
          if (rule.descend(depth, entry.name)) stack.push({ dir: full, depth: depth + 1 });
        } else if (rule.file(depth, entry.name) && shown(real)) {
          found(full);
        }
      }
    }
  }

  const { dir, pattern } = splitPattern(rule.path);
  const matches = (name: string) => pattern !== null && matchesLastSegment(pattern, name);
  const recurse = () => rule.recursion;
  if (rule.pathType === "DIRECTORY" && pattern === null) {
    await walk(rule.path, { file: () => true, descend: recurse });
  } else if (rule.pathType === "DIRECTORY") {
    // /etc/cron.* as a directory rule: the files of every matching directory (and below them with Recursion).
    await walk(dir, { file: (depth) => depth > 0, descend: (depth, name) => (depth === 0 ? matches(name) : rule.recursion) });
  } else if (pattern !== null) {
    await walk(dir, { file: (_depth, name) => matches(name), descend: recurse });
  } else {
    await single(rule.path, links, res, (p) => fs.realpath(p).then(shown, () => true), found);
  }
  res.sample.sort();
  return res;
}

type LevelRule = { file: (depth: number, name: string) => boolean; descend: (depth: number, name: string) => boolean };

async function single(p: string, links: LinksMode, res: WalkResult, shown: (p: string) => Promise<boolean>, found: (p: string) => void) {
  try {
    if (!(await shown(p))) return;
    const st = await fs.lstat(p);
    if (st.isSymbolicLink()) {
      if (links === "IGNORE") return void res.notes.push(`${p} is a symbolic link and Links is Ignore, so it is skipped.`);
      if (links === "MANAGE") return found(p);
      const target = await fs.stat(p);
      if (target.isDirectory()) return void res.notes.push(`${p} leads to a folder: choose Path Type Directory to track the files in it.`);
      return found(p);
    }
    if (st.isDirectory()) return void res.notes.push(`${p} is a folder: choose Path Type Directory to track the files in it.`);
    found(p);
  } catch (err) {
    if (code(err) === "EACCES") res.unreadable += 1;
    else res.notes.push(`${p} does not exist on this host now; when it appears, the scanner reports it Added.`);
  }
}
