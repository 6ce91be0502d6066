import { describe, expect, it } from "vitest";
import { collectionPeriodMs, machineState, type MachineFacts } from "./machine-state";

const now = new Date("2026-01-10T12:00:00Z");
const base: MachineFacts = {
  fimEnabled: true,
  os: "LINUX",
  lastReportAt: new Date(now.getTime() - 60_000),
  failingEntities: 0,
  scanFailed: false,
};

describe("machineState", () => {
  it("says Reporting for a machine that reported recently without errors", () => {
    expect(machineState(base, now)).toBe("REPORTING");
  });
  it("says Reporting with errors when an entity fails to collect or the scan failed", () => {
    expect(machineState({ ...base, failingEntities: 1 }, now)).toBe("REPORTING_WITH_ERRORS");
    expect(machineState({ ...base, scanFailed: true }, now)).toBe("REPORTING_WITH_ERRORS");
  });
  it("says Not collecting when FIM is disabled on the workspace, whatever the machine last sent", () => {
    expect(machineState({ ...base, fimEnabled: false }, now)).toBe("NOT_COLLECTING");
    expect(machineState({ ...base, fimEnabled: false, lastReportAt: null }, now)).toBe("NOT_COLLECTING");
  });
  it("says Not reporting after three silent collection periods, or before the first report", () => {
    const period = collectionPeriodMs("LINUX");
    expect(machineState({ ...base, lastReportAt: new Date(now.getTime() - 3 * period) }, now)).toBe("REPORTING");
    expect(machineState({ ...base, lastReportAt: new Date(now.getTime() - 3 * period - 1000) }, now)).toBe("NOT_REPORTING");
    expect(machineState({ ...base, lastReportAt: null }, now)).toBe("NOT_REPORTING");
  });
  it("uses the longest period of a Windows machine's change types (registry, 50 minutes)", () => {
    expect(collectionPeriodMs("WINDOWS")).toBe(50 * 60_000);
    expect(collectionPeriodMs("WINDOWS", 60)).toBe(50_000);
  });
});
