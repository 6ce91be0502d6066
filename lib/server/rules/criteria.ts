import "server-only";
import type { RuleCriteria } from "@/lib/domain/expected-rules";
import type { ExpectedRule } from "@/lib/generated/sqlite/client";

export const list = (s: string) => (s === "" ? [] : s.split(","));

type Stored = Pick<ExpectedRule, "attribution" | "pathPattern" | "machineIds" | "category" | "changeType">;

/** The criteria columns expected-change rules and alert rules share, as the pure matcher takes them. */
export function sharedCriteriaOf(r: Stored): Omit<RuleCriteria, "window"> {
  return {
    attribution: r.attribution,
    pathPattern: r.pathPattern,
    machineIds: list(r.machineIds),
    category: r.category,
    changeType: r.changeType,
  };
}

/** A stored rule's criteria, as the pure matcher takes them. */
export function criteriaOf(
  r: Stored & Pick<ExpectedRule, "window" | "windowStart" | "windowEnd" | "weekDays" | "weekStartMinute" | "weekEndMinute">,
): RuleCriteria {
  return {
    ...sharedCriteriaOf(r),
    window:
      r.window === "ONCE" && r.windowStart && r.windowEnd
        ? { kind: "ONCE", start: r.windowStart, end: r.windowEnd }
        : r.window === "WEEKLY"
          ? { kind: "WEEKLY", days: list(r.weekDays).map(Number), startMinute: r.weekStartMinute ?? 0, endMinute: r.weekEndMinute ?? 1440 }
          : { kind: "NONE" },
  };
}
