// Which file paths a Linux file rule covers, decided on the path alone: what lets a rule be previewed against the
// inventory machines last reported instead of a disk. The semantics are the local scanner's walk
// (lib/scanner/local/walk.ts): a followed link is reported under its own path, so links need no special case.
import type { PathType } from "./types";
import { matchesLastSegment, splitPattern } from "./wildcard";

export type LinuxRuleShape = { path: string; pathType: PathType | null; recursion: boolean };

/**
 * True when the rule's scan would report `itemKey`:
 * - a path without wildcard and Path Type File: that one file;
 * - Directory without wildcard: the folder itself and what is directly inside (anywhere below with Recursion);
 * - File with a last-segment wildcard: matching names directly in the folder (in every subfolder with Recursion);
 * - Directory with a wildcard (/etc/cron.*): matching files in the folder and the files of matching folders; with
 *   Recursion, matching names at any depth and everything below a matching folder.
 */
export function linuxRuleCovers(rule: LinuxRuleShape, itemKey: string): boolean {
  const { dir, pattern } = splitPattern(rule.path);
  const directory = rule.pathType === "DIRECTORY" || rule.pathType === "FOLDER";
  if (pattern === null && !directory) return itemKey === rule.path;
  // A Directory rule records its folder too (folders are items: mode, owner, ACLs).
  if (pattern === null && itemKey === rule.path) return true;
  const prefix = dir === "/" ? "/" : `${dir}/`;
  if (!itemKey.startsWith(prefix) || itemKey.length === prefix.length) return false;
  const segs = itemKey.slice(prefix.length).split("/");
  const last = segs.length - 1;
  if (pattern === null) return rule.recursion || segs.length === 1;
  const matches = (name: string) => matchesLastSegment(pattern, name);
  if (!directory) return (rule.recursion || segs.length === 1) && matches(segs[last]);
  if (!rule.recursion) return (segs.length === 1 && matches(segs[0])) || (segs.length === 2 && matches(segs[0]));
  return segs.some((s, i) => i < last && matches(s)) || matches(segs[last]);
}

/** The folder every path a rule covers starts with (`/etc/` for /etc/*.conf), or the path itself for one file. */
export function linuxRulePrefix(rule: LinuxRuleShape): { exact: string } | { prefix: string } {
  const { dir, pattern } = splitPattern(rule.path);
  const directory = rule.pathType === "DIRECTORY" || rule.pathType === "FOLDER";
  if (pattern === null && !directory) return { exact: rule.path };
  return { prefix: dir === "/" ? "/" : `${dir}/` };
}
