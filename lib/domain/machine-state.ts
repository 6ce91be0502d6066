// What the Servers tab says about a machine: whether it reports, and whether what it reports is complete.
import { changeTypesFor, intervalMs } from "./schedule";
import type { OsFamily } from "./types";

export const MACHINE_STATES = ["REPORTING", "REPORTING_WITH_ERRORS", "NOT_COLLECTING", "NOT_REPORTING"] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export const MACHINE_STATE_LABEL: Record<MachineState, string> = {
  REPORTING: "Reporting",
  REPORTING_WITH_ERRORS: "Reporting with errors",
  NOT_COLLECTING: "Not collecting",
  NOT_REPORTING: "Not reporting",
};

/** A machine is Not reporting once no scan arrived for this many collection periods. */
export const MISSED_PERIODS = 3;

/** The longest collection period of the machine's change types (the one a healthy machine may stay silent for). */
export function collectionPeriodMs(os: OsFamily, timeScale = 1): number {
  return Math.max(...changeTypesFor(os).map((type) => intervalMs(type, os, [], timeScale)));
}

export type MachineFacts = {
  fimEnabled: boolean;
  os: OsFamily;
  lastReportAt: Date | null;
  /** Entities whose last collection on this machine failed. */
  failingEntities: number;
  /** The machine's last scan failed as a whole (collector error). */
  scanFailed: boolean;
};

/**
 * FIM disabled on the workspace: nothing is collected, whatever the machine last sent. Otherwise a machine silent
 * for three periods (or never heard from) is Not reporting; one whose entities fail, Reporting with errors.
 */
export function machineState(m: MachineFacts, now: Date, timeScale = 1): MachineState {
  if (!m.fimEnabled) return "NOT_COLLECTING";
  const silentFor = m.lastReportAt ? now.getTime() - m.lastReportAt.getTime() : Number.POSITIVE_INFINITY;
  if (silentFor > MISSED_PERIODS * collectionPeriodMs(m.os, timeScale)) return "NOT_REPORTING";
  return m.failingEntities > 0 || m.scanFailed ? "REPORTING_WITH_ERRORS" : "REPORTING";
}
