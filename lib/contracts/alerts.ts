// Alerting: alert rules (criteria, severity, grouping window, destinations) and the alerts they raise. Where alerts
// are sent is ./destinations.ts.
import { z } from "zod";
import { ALERT_SEVERITIES, ALERT_STATUSES } from "@/lib/domain/alerts";
import { ENTITY_KINDS } from "@/lib/domain/types";
import { ZAttribution, ZChangeCategory, ZChangeType, ZReviewState } from "./changes";
import { hasControlCharacter, ZId, ZText } from "./common";
import { endpoint } from "./endpoint";
import { CRITERIA } from "./expected-rules";

export const ZAlertSeverity = z.enum(ALERT_SEVERITIES, { message: "Choose a severity of High, Medium, Low or Informational." });
export const ZAlertStatus = z.enum(ALERT_STATUSES, { message: "Choose a status of Active, Resolved or Dismissed." });
const ZEntityKind = z.enum(ENTITY_KINDS, { message: "Choose an entity kind." });

const read = { kind: "workspace", action: "workspace.read" } as const;
const edit = { kind: "workspace", action: "alert.edit" } as const;
const manage = { kind: "workspace", action: "alert.manage" } as const;

// ─────────── Alert rules ───────────

const { window: _window, ...SHARED } = CRITERIA;
const RULE_FIELDS = {
  ...SHARED,
  entityId: ZId("entity id").nullable().optional().meta({ description: "Only changes of this tracked entity." }),
  entityKind: ZEntityKind.nullable().optional().meta({ description: "Only changes of entities of this kind." }),
  reviewState: ZReviewState.nullable()
    .optional()
    .meta({ description: "The review state the change arrived with: Unreviewed means no expected-change rule matched it." }),
  severity: ZAlertSeverity,
  windowMinutes: z
    .number({ message: "The grouping window is a number of minutes." })
    .int("The grouping window is a whole number of minutes.")
    .min(1, "The grouping window is at least 1 minute.")
    .max(1440, "The grouping window is at most 1440 minutes (a day).")
    .optional()
    .meta({ description: "One alert per rule and machine per window (default 15): later changes join it." }),
  destinationIds: z
    .array(ZId("destination id"))
    .max(20, "Send to at most 20 destinations.")
    .optional()
    .meta({ description: "Where alerts are sent; empty: shown in the portal only." }),
};
const ZName = ZText("The name", 100).trim().min(1, "Name the rule.");
export const ZAlertRuleCreateBody = z.object({ name: ZName, enabled: z.boolean().optional(), ...RULE_FIELDS });
export type TAlertRuleCreateBody = z.infer<typeof ZAlertRuleCreateBody>;
export const ZAlertRulePatchBody = ZAlertRuleCreateBody.partial();
export type TAlertRulePatchBody = z.infer<typeof ZAlertRulePatchBody>;

export const ZAlertRule = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  severity: ZAlertSeverity,
  attribution: ZAttribution.nullable(),
  pathPattern: z.string().nullable(),
  machineIds: z.array(z.string()),
  category: ZChangeCategory.nullable(),
  changeType: ZChangeType.nullable(),
  entityId: z.string().nullable(),
  entityKind: ZEntityKind.nullable(),
  reviewState: ZReviewState.nullable(),
  windowMinutes: z.number().int(),
  destinationIds: z.array(z.string()),
  updatedAt: z.string(),
});
export type TAlertRule = z.infer<typeof ZAlertRule>;

// ─────────── Alerts ───────────

export const ZAlertSummary = z.object({
  id: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  ruleId: z.string().nullable(),
  ruleName: z.string(),
  severity: ZAlertSeverity,
  status: ZAlertStatus,
  machineId: z.string(),
  computer: z.string(),
  changeCount: z.number().int(),
  createdAt: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  lastChangeAt: z.string(),
  statusChangedAt: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  /** Webhook, email and syslog deliveries: how many went out, how many still wait. */
  delivered: z.number().int(),
  pending: z.number().int(),
});
export type TAlertSummary = z.infer<typeof ZAlertSummary>;

export const ZAlertQuery = z.object({
  status: ZAlertStatus.optional().meta({ description: "Only alerts with this status." }),
  severity: ZAlertSeverity.optional().meta({ description: "Only alerts of this severity." }),
  q: z
    .string()
    .trim()
    .max(200, "Search for at most 200 characters.")
    .refine((v) => !hasControlCharacter(v), "The search text contains a control character (such as NUL); remove it.")
    .optional()
    .meta({ description: "Case-insensitive text searched in the rule name and the computer name." }),
  limit: z.coerce
    .number({ message: "The limit is a number from 1 to 200." })
    .int("The limit is a whole number.")
    .min(1, "Ask for at least 1 alert.")
    .max(200, "Ask for at most 200 alerts.")
    .optional()
    .meta({ description: "Alerts answered, newest first, 1 to 200 (default 100)." }),
});
export type TAlertQuery = z.infer<typeof ZAlertQuery>;
export const ZAlertList = z.object({
  alerts: z.array(ZAlertSummary),
  total: z.number().int().meta({ description: "Alerts that meet the filters (the list holds at most `limit`)." }),
  active: z.number().int().meta({ description: "Active alerts, whatever the filters: the shell's badge." }),
  canEdit: z.boolean(),
});

export const ZAlertChange = z.object({
  id: z.string(),
  timeGenerated: z.string(),
  changeType: ZChangeType,
  category: ZChangeCategory,
  target: z.string(),
  attribution: ZAttribution.nullable(),
  reviewState: ZReviewState,
});
export const ZAlertDetails = ZAlertSummary.extend({
  changes: z.array(ZAlertChange).meta({ description: "The changes the alert groups (at most 500, oldest first)." }),
  deliveries: z.array(
    z.object({
      destinationId: z.string(),
      destinationName: z.string(),
      status: z.enum(["Pending", "Delivered", "Failed"]),
      attempts: z.number().int(),
      deliveredAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});
export type TAlertDetails = z.infer<typeof ZAlertDetails>;
export const ZAlertStatusBody = z.object({ status: ZAlertStatus });

const ws = z.object({ id: ZId("workspace id") });
const oneRule = z.object({ id: ZId("workspace id"), ruleId: ZId("rule id") });
const oneAlert = z.object({ id: ZId("workspace id"), alertId: ZId("alert id") });
const W = "/api/v1/workspaces/{id}" as const;
const deleted = z.object({ id: z.string(), deleted: z.literal(true) });

export const alertEndpoints = {
  listAll: endpoint({
    operationId: "listAllAlerts",
    method: "GET",
    path: "/api/v1/alerts",
    tag: "Alerts",
    summary: "List alerts across workspaces",
    description: "Alerts of every workspace you hold a role on, newest first.",
    access: { kind: "user" },
    query: ZAlertQuery,
    response: ZAlertList,
    responseName: "AlertList",
    errors: [422],
  }),
  list: endpoint({
    operationId: "listAlerts",
    method: "GET",
    path: `${W}/alerts`,
    tag: "Alerts",
    summary: "List a workspace's alerts",
    description: "The workspace's alerts, newest first, filtered by status, severity and text.",
    access: read,
    params: ws,
    query: ZAlertQuery,
    response: ZAlertList,
    responseName: "AlertList",
    errors: [404, 422],
  }),
  get: endpoint({
    operationId: "getAlert",
    method: "GET",
    path: `${W}/alerts/{alertId}`,
    tag: "Alerts",
    summary: "Get an alert with its changes",
    description: "The alert, the changes it groups and its deliveries.",
    access: read,
    params: oneAlert,
    response: ZAlertDetails,
    responseName: "AlertDetails",
    errors: [404, 422],
  }),
  setStatus: endpoint({
    operationId: "setAlertStatus",
    method: "PATCH",
    path: `${W}/alerts/{alertId}`,
    tag: "Alerts",
    summary: "Resolve, dismiss or reactivate an alert",
    description: "Sets the alert's status; who did it and when are kept on the alert and in the audit trail.",
    access: edit,
    params: oneAlert,
    body: ZAlertStatusBody,
    bodyName: "AlertStatusBody",
    response: ZAlertSummary,
    responseName: "AlertSummary",
    errors: [400, 404, 413, 422],
  }),
  listRules: endpoint({
    operationId: "listAlertRules",
    method: "GET",
    path: `${W}/alert-rules`,
    tag: "Alerts",
    summary: "List alert rules",
    description: "The workspace's alert rules, oldest first.",
    access: read,
    params: ws,
    response: z.object({ rules: z.array(ZAlertRule), canCreate: z.boolean(), canEdit: z.boolean() }),
    responseName: "AlertRuleList",
    errors: [404, 422],
  }),
  createRule: endpoint({
    operationId: "createAlertRule",
    method: "POST",
    path: `${W}/alert-rules`,
    tag: "Alerts",
    summary: "Create an alert rule",
    description: "From now on, new changes that meet every criterion raise an alert of the rule's severity.",
    access: manage,
    params: ws,
    body: ZAlertRuleCreateBody,
    bodyName: "AlertRuleCreateBody",
    response: ZAlertRule,
    responseName: "AlertRule",
    status: 201,
    errors: [400, 404, 413, 422],
  }),
  updateRule: endpoint({
    operationId: "updateAlertRule",
    method: "PATCH",
    path: `${W}/alert-rules/{ruleId}`,
    tag: "Alerts",
    summary: "Update an alert rule",
    description: "Changes the fields sent (switch it off with `enabled: false`).",
    access: edit,
    params: oneRule,
    body: ZAlertRulePatchBody,
    bodyName: "AlertRulePatchBody",
    response: ZAlertRule,
    responseName: "AlertRule",
    errors: [400, 404, 413, 422],
  }),
  deleteRule: endpoint({
    operationId: "deleteAlertRule",
    method: "DELETE",
    path: `${W}/alert-rules/{ruleId}`,
    tag: "Alerts",
    summary: "Delete an alert rule",
    description: "Its alerts stay, with its name.",
    access: manage,
    params: oneRule,
    response: deleted,
    responseName: "AlertRuleDeleted",
    errors: [404, 422],
  }),
};
