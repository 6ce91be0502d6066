import {
  decideRule,
  isAllowed,
  isProtected,
  outsideReason,
  protectedReason,
  realOf,
  type HostReadPolicy,
  type RuleDecision,
} from "@/lib/server/local-host/read-policy";
import type { FileRule, ReadGuard } from "@/lib/scanner/local/types";

/** What a folder's real path says of the plain files directly in it (a followed link is judged on its own). */
type FolderVerdict = { real: string; allowed: boolean; isProtected: boolean; holdsProtectedFile: boolean };

const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";

/**
 * The Vigil host's limits for one scan: its operator's allow-list (lib/server/local-host/read-policy.ts) applied to
 * each rule, each folder listed and each file read, on real paths. A folder's real path is resolved once; a plain
 * file in it is judged from its folder's verdict (a map lookup: a scan may see 100,000 files), unless the folder
 * holds one of Vigil's protected files; a file reached through a symbolic link is resolved on its own.
 */
export function hostGuard(policy: HostReadPolicy): ReadGuard {
  const decisions = new Map<FileRule, RuleDecision>();
  const folders = new Map<string, FolderVerdict>();
  const decision = (rule: FileRule) => {
    let d = decisions.get(rule);
    if (d === undefined) decisions.set(rule, (d = decideRule(policy, rule)));
    return d;
  };
  const folder = (dir: string) => {
    let v = folders.get(dir);
    if (v === undefined) {
      const real = realOf(dir);
      const prefix = real === "/" ? "/" : `${real}/`;
      const holdsProtectedFile = policy.protectedFiles.some((f) => f.startsWith(prefix) && parentOf(f) === real);
      folders.set(dir, (v = { real, allowed: isAllowed(policy, real), isProtected: isProtected(policy, real), holdsProtectedFile }));
    }
    return v;
  };
  /** Vigil's own data is never read; an allow-listed rule reads nothing outside the allow-list (a link out of it). */
  const refusal = (rule: FileRule, p: string, real: string, allowed: boolean) => {
    if (isProtected(policy, real)) return protectedReason(p);
    return decision(rule).allowListed && !allowed ? outsideReason(policy, p) : null;
  };
  return {
    rule: decision,
    folder: (rule, dir) => {
      const v = folder(dir);
      return refusal(rule, dir, v.real, v.allowed);
    },
    file(rule, p, followed) {
      const upload = decision(rule).upload;
      let real: string;
      if (followed) real = realOf(p);
      else {
        const v = folder(parentOf(p));
        // A plain file is judged by its folder's verdict, unless that folder is protected or holds a protected file.
        if (!v.holdsProtectedFile && !v.isProtected) {
          const refused = decision(rule).allowListed && !v.allowed ? outsideReason(policy, p) : null;
          return { refused, upload: refused === null && upload && v.allowed };
        }
        real = `${v.real === "/" ? "" : v.real}/${p.slice(p.lastIndexOf("/") + 1)}`;
      }
      const allowed = isAllowed(policy, real);
      const refused = refusal(rule, p, real, allowed);
      return { refused, upload: refused === null && upload && allowed };
    },
  };
}
