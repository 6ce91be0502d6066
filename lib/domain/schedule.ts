// When each kind of item is collected. Frequencies are Azure Change Tracking's defaults; a demo time scale
// divides them so a running demo collects every minute or so, without changing what a scan finds.
import { DEFAULT_SERVICE_FREQUENCY_SEC } from "./paths";
import { CHANGE_TYPES, type ChangeType, type EntityKind } from "./types";

export type { OsFamily } from "./types";
import type { OsFamily } from "./types";

/** Default collection interval in seconds, per change type and OS. */
export function baseFrequencySec(changeType: ChangeType, os: OsFamily): number {
  if (changeType === "Files") return os === "LINUX" ? 15 * 60 : 30 * 60;
  if (changeType === "Registry") return 50 * 60;
  return DEFAULT_SERVICE_FREQUENCY_SEC;
}

/** Which change types a machine of this OS reports. */
export function changeTypesFor(os: OsFamily): ChangeType[] {
  return os === "LINUX" ? ["Files"] : [...CHANGE_TYPES];
}

/** Which entity kinds one scan of a change type covers on this OS. */
export function entityKindsFor(changeType: ChangeType, os: OsFamily): EntityKind[] {
  if (changeType === "Files") return os === "LINUX" ? ["LINUX_FILE", "FILE_CONTENT"] : ["WINDOWS_FILE", "FILE_CONTENT"];
  if (os !== "WINDOWS") return [];
  return changeType === "Registry" ? ["WINDOWS_REGISTRY"] : ["WINDOWS_SERVICE"];
}

/**
 * The interval of one (machine, change type): services use the shortest frequency any tracked service asks for
 * (10 s to 30 min); everything else its default. `timeScale` > 1 shortens it for demos, never below 5 s.
 */
export function intervalMs(changeType: ChangeType, os: OsFamily, serviceFrequenciesSec: readonly number[] = [], timeScale = 1): number {
  let sec = baseFrequencySec(changeType, os);
  if (changeType === "WindowsServices" && serviceFrequenciesSec.length) sec = Math.min(...serviceFrequenciesSec);
  return Math.max(5_000, Math.round((sec * 1000) / Math.max(1, timeScale)));
}

/** Due when never scanned, or when the interval has passed since the last scan. */
export function isDue(lastScanAt: Date | null | undefined, interval: number, now: Date): boolean {
  return !lastScanAt || now.getTime() - lastScanAt.getTime() >= interval;
}
