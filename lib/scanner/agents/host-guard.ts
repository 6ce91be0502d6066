import path from "node:path";
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

/**
 * The Vigil host's limits for one scan: its operator's allow-list (lib/server/local-host/read-policy.ts) applied to
 * each rule, each folder listed and each file read, on real paths. A folder's real path is resolved once; a file
 * found in it is that path plus its name, unless it was reached through a symbolic link (then it is resolved).
 */
export function hostGuard(policy: HostReadPolicy): ReadGuard {
  const decisions = new Map<FileRule, RuleDecision>();
  const realDirs = new Map<string, string>();
  const decision = (rule: FileRule) => {
    let d = decisions.get(rule);
    if (d === undefined) decisions.set(rule, (d = decideRule(policy, rule)));
    return d;
  };
  const realDir = (dir: string) => {
    let real = realDirs.get(dir);
    if (real === undefined) realDirs.set(dir, (real = realOf(dir)));
    return real;
  };
  /** Vigil's own data is never read; an allow-listed rule reads nothing outside the allow-list (a link out of it). */
  const refusal = (rule: FileRule, p: string, real: string) => {
    if (isProtected(policy, real)) return protectedReason(p);
    return decision(rule).allowListed && !isAllowed(policy, real) ? outsideReason(policy, p) : null;
  };
  return {
    rule: decision,
    folder: (rule, dir) => refusal(rule, dir, realDir(dir)),
    file(rule, p, followed) {
      const real = followed ? realOf(p) : path.join(realDir(path.dirname(p)), path.basename(p));
      const refused = refusal(rule, p, real);
      return { refused, upload: refused === null && decision(rule).upload && isAllowed(policy, real) };
    },
  };
}
