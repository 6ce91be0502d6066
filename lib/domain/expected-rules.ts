// Expected-change rules: which changes a rule marks Expected as they arrive. Pure, so commitScan (as changes arrive)
// and the rule preview (against the last 7 days) judge a change the same way.
import type { Attribution } from "./packages";
import type { ChangeCategory, ChangeType } from "./types";

export type RuleWindowSpec =
  | { kind: "NONE" }
  | { kind: "ONCE"; start: Date; end: Date }
  /** UTC: days 0 (Sunday) … 6, minutes 0 … 1439 after midnight; an end before the start runs past midnight. */
  | { kind: "WEEKLY"; days: readonly number[]; startMinute: number; endMinute: number };

export interface RuleCriteria {
  attribution: Attribution | null;
  /** Wildcards * and ? over the whole path or key, case-insensitive. */
  pathPattern: string | null;
  /** Empty: every machine. */
  machineIds: readonly string[];
  category: ChangeCategory | null;
  changeType: ChangeType | null;
  window: RuleWindowSpec;
}

export interface RuleSubject {
  attribution: Attribution | null;
  target: string;
  machineId: string;
  category: ChangeCategory;
  changeType: ChangeType;
  time: Date;
}

const patterns = new Map<string, RegExp>();

/** A wildcard pattern as an anchored, case-insensitive regular expression (cached: rules are few, changes many). */
export function wildcardRegExp(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (re === undefined) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "is");
    if (patterns.size < 1000) patterns.set(pattern, re);
  }
  return re;
}

const DAY_MINUTES = 1440;

/** Whether an instant falls in the rule's time window. */
export function inWindow(w: RuleWindowSpec, t: Date): boolean {
  if (w.kind === "NONE") return true;
  if (w.kind === "ONCE") return t.getTime() >= w.start.getTime() && t.getTime() <= w.end.getTime();
  const day = t.getUTCDay();
  const minute = t.getUTCHours() * 60 + t.getUTCMinutes();
  if (w.startMinute <= w.endMinute) return w.days.includes(day) && minute >= w.startMinute && minute < w.endMinute;
  // Past midnight: the evening of a listed day, or the early hours after it.
  const previous = (day + 6) % 7;
  return (w.days.includes(day) && minute >= w.startMinute) || (w.days.includes(previous) && minute < w.endMinute % DAY_MINUTES);
}

/** A change matches a rule when it meets every criterion the rule sets. */
export function ruleMatches(r: RuleCriteria, c: RuleSubject): boolean {
  if (r.attribution !== null && c.attribution !== r.attribution) return false;
  if (r.category !== null && c.category !== r.category) return false;
  if (r.changeType !== null && c.changeType !== r.changeType) return false;
  if (r.machineIds.length > 0 && !r.machineIds.includes(c.machineId)) return false;
  if (r.pathPattern !== null && !wildcardRegExp(r.pathPattern).test(c.target)) return false;
  return inWindow(r.window, c.time);
}

/** The first rule (in the given order) a change matches, or undefined. */
export function firstMatch<R extends RuleCriteria>(rules: readonly R[], c: RuleSubject): R | undefined {
  return rules.find((r) => ruleMatches(r, c));
}
