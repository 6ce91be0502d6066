// Alert destinations: where alerts are sent (webhook, email, syslog), a test send and the delivery log. Secrets are
// stored encrypted and never answered, except a webhook's signing key, once, when it is made.
import { z } from "zod";
import { SYSLOG_FORMATS, SYSLOG_TRANSPORTS, WEBHOOK_FORMATS } from "@/lib/domain/alerts";
import { ZAlertSeverity, ZAlertStatus } from "./alerts";
import { ZAttribution, ZChangeCategory, ZChangeType, ZReviewState } from "./changes";
import { ZId, ZText } from "./common";
import { endpoint } from "./endpoint";

const read = { kind: "workspace", action: "workspace.read" } as const;
const edit = { kind: "workspace", action: "alert.edit" } as const;
const manage = { kind: "workspace", action: "alert.manage" } as const;
// ─────────── Destinations ───────────

const ZHost = ZText("The host", 253)
  .trim()
  .min(1, "Give the host.")
  .regex(/^[A-Za-z0-9.:_-]+$/, "The host is a name or an IP address.");
const ZPort = z
  .number({ message: "The port is a number." })
  .int("The port is a whole number.")
  .min(1)
  .max(65535, "The port is at most 65535.");
const ZEmail = ZText("The address", 254).trim().email("Give an email address, like soc@example.com.");
const ZDestinationName = ZText("The name", 100).trim().min(1, "Name the destination.");

const ZWebhookSettings = z.object({
  kind: z.literal("WEBHOOK"),
  url: ZText("The URL", 2048)
    .trim()
    .url("Give the webhook's http(s) URL.")
    .refine((u) => /^https?:\/\//i.test(u), "The webhook URL starts with http:// or https://."),
  format: z.enum(WEBHOOK_FORMATS, { message: "The format is json, slack or teams." }).optional(),
});
const ZEmailSettings = z.object({
  kind: z.literal("EMAIL"),
  host: ZHost,
  port: ZPort.optional(),
  secure: z.boolean().optional().meta({ description: "TLS from the start (port 465); otherwise STARTTLS when offered." }),
  username: ZText("The user name", 254).nullable().optional(),
  password: ZText("The password", 1024)
    .nullable()
    .optional()
    .meta({ description: "Stored encrypted; never answered. On an update: left out keeps the stored one, null removes it." }),
  from: ZEmail,
  to: z.array(ZEmail).min(1, "Give at least one recipient.").max(20, "At most 20 recipients."),
});
const ZSyslogSettings = z.object({
  kind: z.literal("SYSLOG"),
  host: ZHost,
  port: ZPort.optional(),
  transport: z.enum(SYSLOG_TRANSPORTS, { message: "The transport is tcp or udp." }).optional(),
  format: z.enum(SYSLOG_FORMATS, { message: "The format is cef or json." }).optional(),
});
const KIND_MESSAGE = { message: "The kind is WEBHOOK, EMAIL or SYSLOG." };

/** Where a destination sends: its kind and address, without its name. */
export const ZDestinationSettingsBody = z.discriminatedUnion("kind", [ZWebhookSettings, ZEmailSettings, ZSyslogSettings], KIND_MESSAGE);
export type TDestinationSettingsBody = z.infer<typeof ZDestinationSettingsBody>;

export const ZDestinationCreateBody = z.discriminatedUnion(
  "kind",
  [
    ZWebhookSettings.extend({ name: ZDestinationName }),
    ZEmailSettings.extend({ name: ZDestinationName }),
    ZSyslogSettings.extend({ name: ZDestinationName }),
  ],
  KIND_MESSAGE,
);
export type TDestinationCreateBody = z.infer<typeof ZDestinationCreateBody>;
export const ZDestinationPatchBody = z.object({
  name: ZDestinationName.optional(),
  enabled: z.boolean().optional(),
  rotateSecret: z.boolean().optional().meta({ description: "Webhook: a new signing key, answered once." }),
  settings: ZDestinationSettingsBody.optional().meta({
    description:
      "A new address: every setting of its kind, as when it was created (the kind cannot change). Checked against the host's address policy; alerts still waiting go to the new address.",
  }),
});
export type TDestinationPatchBody = z.infer<typeof ZDestinationPatchBody>;

export const ZDestination = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["WEBHOOK", "EMAIL", "SYSLOG"]),
  enabled: z.boolean(),
  /** Where it sends, for the list: the URL, "smtp://host:port → to", "udp://host:port". */
  target: z.string(),
  format: z.string().nullable(),
  settings: z
    .discriminatedUnion("kind", [
      ZWebhookSettings.required(),
      ZEmailSettings.omit({ password: true }).required(),
      ZSyslogSettings.required(),
    ])
    .meta({ description: "Its settings with the defaults filled in, the secret apart: what an edit starts from." }),
  hasSecret: z.boolean(),
  circuitOpenUntil: z.string().nullable(),
  failures: z.number().int(),
  pending: z.number().int(),
  updatedAt: z.string(),
});
export type TDestination = z.infer<typeof ZDestination>;
export const ZDestinationCreated = ZDestination.extend({
  secret: z.string().nullable().meta({ description: "Webhook: the signing key, shown this once; it is never answered again." }),
});
export type TDestinationCreated = z.infer<typeof ZDestinationCreated>;
export const ZSendResult = z.object({
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  ms: z.number().int(),
});
export const ZDeliveryLog = z.object({
  attempts: z.array(
    z.object({
      at: z.string(),
      attempt: z.number().int(),
      ok: z.boolean(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      alertId: z.string().nullable(),
      test: z.boolean(),
      ms: z.number().int(),
    }),
  ),
});

/** The JSON a webhook in the json format receives (documented under `webhooks` in the OpenAPI document). */
export const ZAlertWebhookPayload = z.object({
  type: z.literal("vigil.alert"),
  id: z.string().meta({ description: "The alert id." }),
  idempotencyKey: z.string().meta({ description: "Equal to the Idempotency-Key header: the same on every retry of this alert." }),
  severity: ZAlertSeverity,
  status: ZAlertStatus,
  rule: z.object({ id: z.string().nullable(), name: z.string() }),
  workspace: z.object({ id: z.string(), name: z.string() }),
  machine: z.object({ id: z.string(), name: z.string() }),
  raisedAt: z.string().meta({ description: "When the alert was written, in the transaction of its first changes." }),
  windowStart: z.string(),
  windowEnd: z.string(),
  changeCount: z.number().int(),
  changes: z
    .array(
      z.object({
        id: z.string(),
        time: z.string(),
        changeType: ZChangeType,
        category: ZChangeCategory,
        target: z.string(),
        attribution: ZAttribution.nullable(),
        reviewState: ZReviewState,
      }),
    )
    .meta({ description: "The alert's changes when it was sent, at most 100." }),
  url: z.string().meta({ description: "The alert in the portal." }),
});

const ws = z.object({ id: ZId("workspace id") });
const oneDest = z.object({ id: ZId("workspace id"), destinationId: ZId("destination id") });
const W = "/api/v1/workspaces/{id}" as const;
const deleted = z.object({ id: z.string(), deleted: z.literal(true) });

export const destinationEndpoints = {
  listDestinations: endpoint({
    operationId: "listDestinations",
    method: "GET",
    path: `${W}/destinations`,
    tag: "Alerts",
    summary: "List alert destinations",
    description: "Where the workspace's alerts may be sent. Secrets are never answered.",
    access: read,
    params: ws,
    response: z.object({ destinations: z.array(ZDestination), canManage: z.boolean(), canTest: z.boolean() }),
    responseName: "DestinationList",
    errors: [404, 422],
  }),
  createDestination: endpoint({
    operationId: "createDestination",
    method: "POST",
    path: `${W}/destinations`,
    tag: "Alerts",
    summary: "Create an alert destination",
    description:
      "A webhook (its signing key is answered once), an SMTP server and recipients, or a syslog server. The host must be an " +
      "address the operator allows: link-local and metadata addresses never, loopback and private ranges only when allowed.",
    access: manage,
    params: ws,
    body: ZDestinationCreateBody,
    bodyName: "DestinationCreateBody",
    response: ZDestinationCreated,
    responseName: "DestinationCreated",
    status: 201,
    errors: [400, 404, 413, 422],
    noStore: true,
  }),
  updateDestination: endpoint({
    operationId: "updateDestination",
    method: "PATCH",
    path: `${W}/destinations/{destinationId}`,
    tag: "Alerts",
    summary: "Rename, switch, readdress or rotate a destination's key",
    description:
      "Changes the fields sent; `settings` gives it a new address (same kind), checked as on creation; `rotateSecret` answers a webhook's new signing key once.",
    access: manage,
    params: oneDest,
    body: ZDestinationPatchBody,
    bodyName: "DestinationPatchBody",
    response: ZDestinationCreated,
    responseName: "DestinationCreated",
    errors: [400, 404, 413, 422],
    noStore: true,
  }),
  deleteDestination: endpoint({
    operationId: "deleteDestination",
    method: "DELETE",
    path: `${W}/destinations/{destinationId}`,
    tag: "Alerts",
    summary: "Delete an alert destination",
    description: "Its pending deliveries are dropped; rules stop naming it.",
    access: manage,
    params: oneDest,
    response: deleted,
    responseName: "DestinationDeleted",
    errors: [404, 422],
  }),
  testDestination: endpoint({
    operationId: "testDestination",
    method: "POST",
    path: `${W}/destinations/{destinationId}/test`,
    tag: "Alerts",
    summary: "Send a test message",
    description: "Sends a test alert now (one attempt) and answers its outcome; it is written to the delivery log.",
    access: edit,
    params: oneDest,
    response: ZSendResult,
    responseName: "SendResult",
    errors: [404, 422],
  }),
  deliveryLog: endpoint({
    operationId: "getDeliveryLog",
    method: "GET",
    path: `${W}/destinations/{destinationId}/attempts`,
    tag: "Alerts",
    summary: "A destination's delivery log",
    description: "Its last 100 attempts, newest first: time, status code or error, attempt number.",
    access: read,
    params: oneDest,
    response: ZDeliveryLog,
    responseName: "DeliveryLog",
    errors: [404, 422],
  }),
};
