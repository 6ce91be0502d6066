// Alert rules: which new changes raise an alert. The criteria are the expected-change rules' (one matcher, see
// expected-rules.ts) without their time window, plus a tracked entity or entity kind and the review state the
// change arrived with (Unreviewed: no expected-change rule matched it). Pure, so commitScan and tests judge alike.
import type { Attribution } from "./packages";
import { ruleMatches, type RuleCriteria, type RuleSubject } from "./expected-rules";
import type { EntityKind, ReviewState } from "./types";

/** As Defender for Cloud grades alerts, most severe first. */
export const ALERT_SEVERITIES = ["High", "Medium", "Low", "Informational"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ["Active", "Resolved", "Dismissed"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const DESTINATION_KINDS = ["WEBHOOK", "EMAIL", "SYSLOG"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
export const WEBHOOK_FORMATS = ["json", "slack", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const SYSLOG_FORMATS = ["cef", "json"] as const;
export const SYSLOG_TRANSPORTS = ["tcp", "udp"] as const;

export interface AlertCriteria extends Omit<RuleCriteria, "window"> {
  entityId: string | null;
  entityKind: EntityKind | null;
  reviewState: ReviewState | null;
}

export interface AlertSubject extends RuleSubject {
  attribution: Attribution | null;
  entityId: string | null;
  /** The kind of the change's tracked entity, when known. */
  entityKind: EntityKind | null;
  reviewState: ReviewState;
}

/** A change raises a rule's alert when it meets every criterion the rule sets. */
export function alertMatches(r: AlertCriteria, c: AlertSubject): boolean {
  if (r.entityId !== null && c.entityId !== r.entityId) return false;
  if (r.entityKind !== null && c.entityKind !== r.entityKind) return false;
  if (r.reviewState !== null && c.reviewState !== r.reviewState) return false;
  return ruleMatches({ ...r, window: { kind: "NONE" } }, c);
}

/**
 * Retry schedule of a failed delivery: exponential from 1 s, capped at 5 minutes (a receiver back after an hour
 * waits at most that long for its backlog), with full jitter over the upper half so many alerts do not retry at once.
 */
export function retryDelayMs(attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Consecutive failures after which a destination's circuit opens, and how long it stays open. */
export const CIRCUIT_THRESHOLD = 5;
export const CIRCUIT_OPEN_MS = 60_000;

/** A destination's settings that are not secret (stored as JSON); the secret is stored apart, encrypted. */
export type WebhookConfig = { url: string; format: WebhookFormat };
export type EmailConfig = { host: string; port: number; secure: boolean; username: string | null; from: string; to: string[] };
export type SyslogConfig = {
  host: string;
  port: number;
  transport: (typeof SYSLOG_TRANSPORTS)[number];
  format: (typeof SYSLOG_FORMATS)[number];
};
export type DestinationConfig =
  ({ kind: "WEBHOOK" } & WebhookConfig) | ({ kind: "EMAIL" } & EmailConfig) | ({ kind: "SYSLOG" } & SyslogConfig);
