import { describe, expect, it } from "vitest";
import { alertMatches, retryDelayMs, type AlertCriteria, type AlertSubject } from "./alerts";

const none: AlertCriteria = {
  attribution: null,
  pathPattern: null,
  machineIds: [],
  category: null,
  changeType: null,
  entityId: null,
  entityKind: null,
  reviewState: null,
};
const change: AlertSubject = {
  attribution: "DiffersFromPackage",
  target: "/usr/bin/sudo",
  machineId: "m1",
  category: "Modified",
  changeType: "Files",
  time: new Date("2026-12-04T22:00:00Z"),
  entityId: "e1",
  entityKind: "LINUX_FILE",
  reviewState: "Unreviewed",
};

describe("alert rules", () => {
  it("match a change that meets every criterion set, with the expected-change rules' matcher for the shared ones", () => {
    expect(alertMatches(none, change)).toBe(true);
    expect(alertMatches({ ...none, pathPattern: "/USR/BIN/*", attribution: "DiffersFromPackage", reviewState: "Unreviewed" }, change)).toBe(
      true,
    );
    expect(alertMatches({ ...none, entityKind: "LINUX_FILE", entityId: "e1", machineIds: ["m1", "m2"] }, change)).toBe(true);
  });

  it("miss a change that fails any one criterion", () => {
    expect(alertMatches({ ...none, reviewState: "Unreviewed" }, { ...change, reviewState: "Expected" })).toBe(false);
    expect(alertMatches({ ...none, entityKind: "WINDOWS_FILE" }, change)).toBe(false);
    expect(alertMatches({ ...none, entityId: "e2" }, change)).toBe(false);
    expect(alertMatches({ ...none, pathPattern: "/etc/*" }, change)).toBe(false);
    expect(alertMatches({ ...none, machineIds: ["m2"] }, change)).toBe(false);
    expect(alertMatches({ ...none, category: "Added" }, change)).toBe(false);
  });
});

describe("delivery retries", () => {
  it("back off exponentially from 1 s to at most 5 minutes, jittered over the upper half", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(1, 0)).toBe(500);
    expect(retryDelayMs(30, 1)).toBe(300_000);
    expect(retryDelayMs(30, 0)).toBe(150_000);
  });
});
