import { describe, expect, it } from "vitest";
import { inWindow, ruleMatches, type RuleCriteria, type RuleSubject } from "./expected-rules";

const any: RuleCriteria = {
  attribution: null,
  pathPattern: null,
  machineIds: [],
  category: null,
  changeType: null,
  window: { kind: "NONE" },
};
const change: RuleSubject = {
  attribution: "PackageUpdate",
  target: "/usr/bin/sed",
  machineId: "m1",
  category: "Modified",
  changeType: "Files",
  time: new Date("2026-12-05T23:30:00Z"), // a Saturday
};

describe("expected-change rules", () => {
  it("match a change that meets every criterion set, and no other", () => {
    expect(ruleMatches({ ...any, attribution: "PackageUpdate" }, change)).toBe(true);
    expect(ruleMatches({ ...any, attribution: "PackageUpdate" }, { ...change, attribution: "DiffersFromPackage" })).toBe(false);
    expect(ruleMatches({ ...any, pathPattern: "/USR/bin/*" }, change)).toBe(true);
    expect(ruleMatches({ ...any, pathPattern: "/usr/bin/s?d" }, change)).toBe(true);
    expect(ruleMatches({ ...any, pathPattern: "/usr/bin/s" }, change)).toBe(false);
    expect(ruleMatches({ ...any, pathPattern: "/usr/bin/(sed)" }, { ...change, target: "/usr/bin/(sed)" })).toBe(true);
    expect(ruleMatches({ ...any, machineIds: ["m2"] }, change)).toBe(false);
    expect(ruleMatches({ ...any, machineIds: ["m2", "m1"], category: "Modified", changeType: "Files" }, change)).toBe(true);
    expect(ruleMatches({ ...any, category: "Added" }, change)).toBe(false);
  });

  it("keep to a one-off or weekly maintenance window (UTC), also one past midnight", () => {
    const once = { kind: "ONCE" as const, start: new Date("2026-12-05T22:00:00Z"), end: new Date("2026-12-06T02:00:00Z") };
    expect(inWindow(once, change.time)).toBe(true);
    expect(inWindow(once, new Date("2026-12-06T02:00:01Z"))).toBe(false);
    const saturdayNight = { kind: "WEEKLY" as const, days: [6], startMinute: 22 * 60, endMinute: 2 * 60 };
    expect(inWindow(saturdayNight, change.time)).toBe(true);
    expect(inWindow(saturdayNight, new Date("2026-12-06T01:59:00Z"))).toBe(true);
    expect(inWindow(saturdayNight, new Date("2026-12-06T02:00:00Z"))).toBe(false);
    expect(inWindow(saturdayNight, new Date("2026-12-04T23:00:00Z"))).toBe(false);
    const weekdayDay = { kind: "WEEKLY" as const, days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
    expect(inWindow(weekdayDay, new Date("2026-12-04T16:59:00Z"))).toBe(true);
    expect(inWindow(weekdayDay, change.time)).toBe(false);
  });
});
