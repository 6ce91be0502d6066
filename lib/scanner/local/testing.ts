// Helpers for the scanner's integration tests: temp trees, rules, hashes and waits on the file-time clock.
import { createHash } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { InventoryEntry } from "@/lib/domain/diff";
import type { FileRule } from "./types";

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A temp folder readable by every user (mkdtemp makes it 0700), removed by `remove`. */
export function tempTree(files: Record<string, string> = {}): { root: string; path: (rel: string) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), "vigil-scan-"));
  chmodSync(root, 0o755);
  const path = (rel: string) => join(root, rel);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(path(rel)), { recursive: true });
    writeFileSync(path(rel), content, { mode: 0o644 });
  }
  return { root, path, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function rule(path: string, over: Partial<FileRule> = {}): FileRule {
  return {
    entityId: "ent-1",
    path,
    pathType: "DIRECTORY",
    recursion: true,
    links: "IGNORE",
    useSudo: false,
    uploadContent: false,
    ...over,
  };
}

export const byKey = (entries: readonly InventoryEntry[]) => new Map(entries.map((e) => [e.itemKey, e]));

/** The entries that are not folders (a Directory rule records its folders too). */
export const notFolders = (entries: readonly InventoryEntry[]) => entries.filter((e) => e.fileType !== "directory");

const ctimeMs = (path: string) => Number(lstatSync(path, { bigint: true }).ctimeMs);

/**
 * Waits until the kernel's file-time clock (coarse: one tick is a few ms) has moved past every ctime of `entries`,
 * so a change made next gets a ctime no scan has seen. A wait on a condition, polled on the event loop.
 */
export async function nextFileTimeTick(probeDir: string, entries: readonly InventoryEntry[]): Promise<void> {
  const latest = Math.max(...entries.map((e) => e.dateCreated?.getTime() ?? 0));
  const probe = join(probeDir, ".tick");
  for (;;) {
    writeFileSync(probe, "");
    const now = ctimeMs(probe);
    rmSync(probe);
    if (Math.floor(now) > latest) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `fn` with the effective uid of `nobody`, so permission checks apply even when the tests run as root
 * (root bypasses file modes: a 0000 file stays readable to it). seteuid is per process in glibc, so the
 * scanner's hashing threads are covered too; the saved uid lets us return to root afterwards.
 */
export async function asNobodyIfRoot<T>(fn: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || process.seteuid === undefined) return fn();
  process.seteuid(65534);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
  }
}
