// Edits of text files shared by the Linux and Windows activity: switch one slot of a file's template.
import type { FileNode, FileTree } from "./fs";
import { Rng, sha256Hex } from "./prng";
import { renderTemplate, slotSizes, withChoice, byteLength, type TextTemplate } from "./text";

/**
 * Switches one slot of the file's template to another alternative (an admin's edit): new content, size, hash,
 * dates and, on Linux, a new inode (editors write a new file and rename it over the old one).
 */
export function editTextFile(
  fs: FileTree,
  path: string,
  tpl: TextTemplate | undefined,
  rng: Rng,
  t: number,
  slot?: number,
  option?: number,
): boolean {
  const node = fs.get(path);
  if (!node || node.type !== "file" || !tpl) return false;
  const sizes = slotSizes(tpl);
  if (sizes.length === 0) return false;
  const choices = node.choices ?? [];
  const s = slot ?? rng.int(sizes.length);
  const current = choices[s] ?? 0;
  const next = option ?? (current + 1 + rng.int(Math.max(1, sizes[s] - 1))) % sizes[s];
  if (next === current) return false;
  writeText(fs, path, node, tpl, withChoice(tpl, choices, s, next), t);
  return true;
}

export function writeText(fs: FileTree, path: string, node: FileNode, tpl: TextTemplate, choices: readonly number[], t: number): void {
  const text = renderTemplate(tpl, choices);
  fs.put(path, {
    ...node,
    text,
    choices,
    size: BigInt(byteLength(text)),
    sha256: sha256Hex(text),
    inode: node.inode === null ? null : fs.newInode(),
    created: fs.windows ? node.created : t,
    modified: t,
  });
}

/** Sets a slot to an alternative (used by paired events that add, then remove, a line). */
export function setSlot(fs: FileTree, path: string, tpl: TextTemplate | undefined, slot: number, option: number, t: number): void {
  const node = fs.get(path);
  if (!node || node.type !== "file" || !tpl) return;
  if ((node.choices?.[slot] ?? 0) === option) return;
  writeText(fs, path, node, tpl, withChoice(tpl, node.choices ?? [], slot, option), t);
}

export const eventRng = (seed: number, salt: string) => new Rng((seed ^ hashSalt(salt)) >>> 0);

function hashSalt(s: string): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
  return h >>> 0;
}
