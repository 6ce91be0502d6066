// Workspaces: the File integrity monitoring list, one workspace's details, and onboarding (upgrade, enable, disable).
import { z } from "zod";
import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { ROLES } from "@/lib/domain/roles";
import { PLANS } from "@/lib/domain/types";
import { ZId } from "./common";
import { endpoint } from "./endpoint";

export const ZWorkspaceAction = z.enum(["upgrade", "enable"]).nullable();

/** One row of the File integrity monitoring page. */
export const ZWorkspaceRow = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.string(),
  plan: z.enum(PLANS),
  fimEnabled: z.boolean(),
  /** Changes in the last 7 days; null where FIM is not enabled (the page shows "-"). */
  totalChanges: z.number().int().nullable(),
  totalMachines: z.number().int(),
  windowsMachines: z.number().int(),
  linuxMachines: z.number().int(),
  role: z.enum(ROLES),
  /** The portal's action for this row: Upgrade, Enable, or none (FIM already on). */
  action: ZWorkspaceAction,
  /** Whether this user may take that action; a Reader sees no action controls. */
  canAct: z.boolean(),
});
export type TWorkspaceRow = z.infer<typeof ZWorkspaceRow>;

export const ZWorkspaceList = z.object({ workspaces: z.array(ZWorkspaceRow) });
export type TWorkspaceList = z.infer<typeof ZWorkspaceList>;

export const ZWorkspaceParams = z.object({ id: ZId("workspace id") });

export const ZWorkspaceDetails = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  resourceGroup: z.string(),
  subscription: z.object({ id: z.string(), name: z.string(), plan: z.enum(PLANS) }),
  fimEnabled: z.boolean(),
  fimEnabledAt: z.string().nullable(),
  fimEnabledBy: z.string().nullable(),
  machines: z.object({ total: z.number(), windows: z.number(), linux: z.number() }),
  entities: z.number(),
  retentionDays: z.number().int().meta({ description: "Days change records, their hourly counts and content are kept." }),
  role: z.enum(ROLES),
  can: z.object({
    upgrade: z.boolean(),
    enable: z.boolean(),
    disable: z.boolean(),
    editEntities: z.boolean(),
    reviewChanges: z.boolean(),
    setRetention: z.boolean(),
  }),
});
export type TWorkspaceDetails = z.infer<typeof ZWorkspaceDetails>;

/** Enable: the keys of the recommended entities whose checkboxes stayed checked; all of them when left out. */
export const ZEnableFimBody = z.object({
  entities: z
    .array(z.enum(RECOMMENDED_KEYS as [string, ...string[]], { message: "Pick entities from the recommended list." }))
    .max(RECOMMENDED_KEYS.length)
    .optional()
    .meta({ description: "Keys (`KIND:path`) of the recommended entities to track. Omit to track every recommended entity." }),
});
export type TEnableFimBody = z.infer<typeof ZEnableFimBody>;

export const RETENTION_DAYS = { min: 30, max: 730, default: 90 } as const;

export const ZRetentionBody = z.object({
  retentionDays: z
    .number({ message: "Enter the retention in days." })
    .int({ message: "Enter a whole number of days." })
    .min(RETENTION_DAYS.min, { message: `Keep change data at least ${RETENTION_DAYS.min} days.` })
    .max(RETENTION_DAYS.max, { message: `Keep change data at most ${RETENTION_DAYS.max} days.` })
    .meta({ description: `Days change data is kept, ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}.` }),
});
export type TRetentionBody = z.infer<typeof ZRetentionBody>;
export const ZRetentionResult = z.object({ workspaceId: z.string(), retentionDays: z.number().int() });

export const ZUpgradeResult = z.object({ subscriptionId: z.string(), plan: z.literal("DEFENDER_SERVERS_P2") });
export const ZEnableResult = z.object({
  workspaceId: z.string(),
  entities: z.number().int().meta({ description: "Tracked entities created." }),
});
export const ZDisableResult = z.object({ workspaceId: z.string(), removedEntities: z.number().int() });

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorEmail: z.string(),
  action: z.string(),
  summary: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export const ZAuditEventList = z.object({ events: z.array(ZAuditEvent) });

const workspace = { params: ZWorkspaceParams, tag: "Workspaces" as const };

export const workspaceEndpoints = {
  list: endpoint({
    operationId: "listWorkspaces",
    method: "GET",
    path: "/api/v1/workspaces",
    tag: "Workspaces",
    summary: "List workspaces",
    description:
      "Every workspace you hold a role on (directly or through its subscription), with its plan, FIM state, machine counts and changes of the last 7 days.",
    access: { kind: "user" },
    response: ZWorkspaceList,
    responseName: "WorkspaceList",
    errors: [],
  }),
  get: endpoint({
    ...workspace,
    operationId: "getWorkspace",
    method: "GET",
    path: "/api/v1/workspaces/{id}",
    summary: "Get a workspace",
    description: "A workspace's subscription and plan, FIM state, machines, tracked entity count, your role and what it allows (`can`).",
    access: { kind: "workspace", action: "workspace.read" },
    response: ZWorkspaceDetails,
    responseName: "WorkspaceDetails",
    errors: [404, 422],
  }),
  upgrade: endpoint({
    ...workspace,
    operationId: "upgradePlan",
    method: "POST",
    path: "/api/v1/workspaces/{id}/upgrade",
    summary: "Upgrade the subscription's plan",
    description:
      "Upgrades the workspace's subscription to Microsoft Defender for Servers Plan 2, which FIM needs. 409 when it already has it. No body.",
    access: { kind: "workspace", action: "plan.upgrade" },
    response: ZUpgradeResult,
    responseName: "UpgradeResult",
    errors: [404, 409, 422],
  }),
  enable: endpoint({
    ...workspace,
    operationId: "enableFim",
    method: "POST",
    path: "/api/v1/workspaces/{id}/enable",
    summary: "Enable file integrity monitoring",
    description:
      "Enables FIM with the recommended entities you list (all of them when `entities` is left out). Needs Plan 2 (409 otherwise); 409 when FIM is already enabled.",
    access: { kind: "workspace", action: "fim.enable" },
    body: ZEnableFimBody,
    bodyName: "EnableBody",
    response: ZEnableResult,
    responseName: "EnableResult",
    errors: [400, 404, 409, 422],
  }),
  disable: endpoint({
    ...workspace,
    operationId: "disableFim",
    method: "POST",
    path: "/api/v1/workspaces/{id}/disable",
    summary: "Disable file integrity monitoring",
    description: "Removes every tracked entity and stops collection. Recorded changes stay readable. 409 when FIM is not enabled. No body.",
    access: { kind: "workspace", action: "fim.disable" },
    response: ZDisableResult,
    responseName: "DisableResult",
    errors: [404, 409, 422],
  }),
  setRetention: endpoint({
    ...workspace,
    operationId: "setRetention",
    method: "PATCH",
    path: "/api/v1/workspaces/{id}/settings",
    summary: "Set how long change data is kept",
    description: `Sets the workspace's retention: change records older than this many days (${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}, default ${RETENTION_DAYS.default}), their hourly counts and the file content nothing references any more are purged by the worker.`,
    access: { kind: "workspace", action: "retention.set" },
    body: ZRetentionBody,
    bodyName: "RetentionBody",
    response: ZRetentionResult,
    responseName: "RetentionResult",
    errors: [400, 404, 422],
  }),
  audit: endpoint({
    ...workspace,
    operationId: "listAuditEvents",
    method: "GET",
    path: "/api/v1/workspaces/{id}/audit",
    summary: "List recent activity",
    description: "The workspace's last 20 audit events (upgrade, enable, disable, entity edits), newest first.",
    access: { kind: "workspace", action: "workspace.read" },
    response: ZAuditEventList,
    responseName: "AuditEventList",
    errors: [404, 422],
  }),
};
