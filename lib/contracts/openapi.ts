// The OpenAPI 3.1 document of /api/v1, generated from the endpoint declarations the server enforces (z.toJSONSchema
// writes JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect).
import { z } from "zod";
import { ENDPOINTS } from "./api";
import { accessText, type AnyEndpoint } from "./endpoint";
import { ZAlertWebhookPayload } from "./destinations";
import { ERROR_TEXT, ZErrorBody } from "./errors";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

/** The properties of an object schema, also of an intersection of objects (ZPeriodQuery.and(…)). */
function propertiesOf(schema: JsonSchema): { props: Record<string, JsonSchema>; required: Set<string> } {
  const props: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  const visit = (s: JsonSchema) => {
    Object.assign(props, (s.properties as Record<string, JsonSchema>) ?? {});
    for (const r of (s.required as string[]) ?? []) required.add(r);
    for (const part of (s.allOf as JsonSchema[]) ?? []) visit(part);
  };
  visit(schema);
  return { props, required };
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const { props, required } = propertiesOf(jsonSchema(schema, "input"));
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const DOWNLOAD_NAME = {
  description: '`attachment; filename="…"`: the file name says what the file holds and the filter it was made with.',
  schema: { type: "string" },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (status: number) => ({ $ref: `#/components/responses/E${status}` });

/**
 * Statuses every endpoint of this kind may answer besides its own: authentication, refusal, limits, failure. The
 * wrapper refuses a path segment that is not valid percent-encoding (400), and reads the body of every POST, PATCH
 * and DELETE, declared or not: it may be too large (413), not JSON (400) or, with a cookie, not sent as JSON (415).
 */
function commonErrors(op: AnyEndpoint): number[] {
  if (op.access.kind === "public") return [];
  const statuses = [401, 403, 429, 500];
  if (op.params) statuses.push(400);
  if (op.method !== "GET") statuses.push(400, 413, 415);
  return statuses;
}

/** One operation of the document, everything taken from the endpoint's declaration. */
export function operationOf(op: AnyEndpoint) {
  const statuses = [...new Set([...op.errors, ...commonErrors(op)])].sort((a, b) => a - b);
  const responses: Record<string, unknown> = {
    [String(op.status ?? 200)]: {
      description: op.summary,
      ...(op.download ? { headers: { "Content-Disposition": DOWNLOAD_NAME } } : {}),
      content: { [op.download ?? "application/json"]: { schema: ref(op.responseName) } },
    },
  };
  for (const s of statuses) responses[String(s)] = errorResponse(s);
  const access = accessText(op.access);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: `${op.description}\n\n**Access:** ${access}`,
    "x-access": access,
    ...(op.access.kind === "public" ? { security: [] } : op.access.kind === "agent" ? { security: [{ agentToken: [] }] } : {}),
    parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query")],
    ...(op.body && op.bodyName ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.bodyName) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, built from the endpoint declarations. */
export function buildOpenApiDocument(serverUrl?: string) {
  const schemas: Record<string, JsonSchema> = {
    Error: jsonSchema(ZErrorBody, "output"),
    AlertWebhookPayload: jsonSchema(ZAlertWebhookPayload, "output"),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ENDPOINTS) {
    if (op.body && op.bodyName) schemas[op.bodyName] = jsonSchema(op.body, "input");
    schemas[op.responseName] = jsonSchema(op.response, "output");
    paths[op.path] ??= {};
    paths[op.path][op.method.toLowerCase()] = operationOf(op);
  }
  const responses = Object.fromEntries(
    Object.entries(ERROR_TEXT).map(([status, description]) => [
      `E${status}`,
      {
        description,
        ...(status === "429"
          ? { headers: { "Retry-After": { description: "Seconds to wait before the next request.", schema: { type: "integer" } } } }
          : {}),
        content: { "application/json": { schema: ref("Error") } },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Vigil REST API",
      version: "1.0.0",
      description:
        "File integrity monitoring: workspaces, plans, FIM on and off, tracked entities, machines and their changes.\n\n" +
        "Authenticate with a personal API token (create one in the portal under your account menu, API tokens) sent as " +
        "`Authorization: Bearer vgl_…`. A token acts with your roles. Every error answers with one body, `Error`. " +
        "Dates are ISO 8601 in UTC. Each token may make a limited number of requests a minute (600 by default); past it, 429 with Retry-After.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [
      { name: "Workspaces", description: "Log Analytics workspaces, their subscription plan and FIM state." },
      { name: "Entities", description: "What is tracked: files, registry keys and services (Workspace Configuration)." },
      { name: "Machines", description: "The machines reporting to a workspace." },
      { name: "Changes", description: "Recorded changes and their details." },
      { name: "Rules", description: "Expected-change rules: which changes are marked Expected as they arrive." },
      {
        name: "Alerts",
        description:
          "Alert rules, the alerts they raise and the destinations alerts are sent to. Webhook deliveries are POSTs of " +
          '`AlertWebhookPayload` (see `webhooks`), signed: `X-Vigil-Signature: sha256=<hex HMAC-SHA256 of "<X-Vigil-Timestamp>.<body>">` ' +
          "with the destination's signing key, and an `Idempotency-Key` (the alert id) that is the same on every retry.",
      },
      {
        name: "Logs",
        description:
          "Kusto (KQL) queries over the workspace's ConfigurationChange and ConfigurationData, answered in Log Analytics' query API shape; saved and recent queries; CSV exports of lists and a PDF report.",
      },
      { name: "Dashboard", description: "The dashboard's summary: totals, breakdowns and timeline of a period." },
      { name: "Tokens", description: "Your personal API tokens." },
      {
        name: "Agents",
        description: "Remote agents: registration with a user token, then configuration and scan reports with the machine's agent token.",
      },
      { name: "Document", description: "This OpenAPI document." },
    ],
    security: [{ bearerToken: [] }],
    paths,
    webhooks: {
      alert: {
        post: {
          summary: "An alert, POSTed to a webhook destination (json format)",
          description:
            'Headers: X-Vigil-Timestamp (Unix seconds), X-Vigil-Signature (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>"> with ' +
            "the destination's signing key), Idempotency-Key (the alert id; the same on every retry). Answer 2xx to acknowledge; " +
            "anything else is retried with exponential backoff, in order. The slack and teams formats send a Slack message or a " +
            "Teams Adaptive Card instead.",
          requestBody: { required: true, content: { "application/json": { schema: ref("AlertWebhookPayload") } } },
          responses: { "2XX": { description: "Received." } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "vgl_…",
          description: "A personal API token, created on the API tokens page.",
        },
        agentToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "vgl_…",
          description: "A machine's agent token, answered once by POST /api/v1/agent/register.",
        },
      },
      schemas,
      responses,
    },
  };
}

export type TOpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
