// The OpenAPI 3.1 document of REST API v1, generated from the zod schemas the routes validate with (z.toJSONSchema
// writes JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect). Every route of app/api/v1 is listed in
// OPERATIONS; openapi.test.ts fails when a route file and this list disagree.
import { z } from "zod";
import {
  ZDisableResult,
  ZEnableResult,
  ZEntityDeleted,
  ZErrorBody,
  ZTokenCreateBody,
  ZTokenCreated,
  ZTokenList,
  ZTokenParams,
  ZTokenRevoked,
  ZUpgradeResult,
  ZV1ChangesPage,
  ZV1ChangesQuery,
  ZV1EnableBody,
  ZV1EntitiesQuery,
  ZV1EntityList,
  ZV1Machine,
  ZV1MachineParams,
} from "@/lib/contracts/api-v1";
import { ZAgentRegisterBody, ZAgentScansBody } from "@/lib/contracts/agent";
import { ZChangeDetails, ZChangeParams } from "@/lib/contracts/changes";
import { ZEntity, ZEntityCreateBody, ZEntityListParams, ZEntityParams, ZEntityPatchBody } from "@/lib/contracts/entities";
import { ZServersPage, ZServersQuery } from "@/lib/contracts/machines";
import { ZWorkspaceDetails, ZWorkspaceParams } from "@/lib/contracts/workspaces";
import { ZPeriodQuery } from "@/lib/contracts/period";
import { ZWorkspaceList } from "@/lib/contracts/workspaces";

export type HttpMethod = "get" | "post" | "patch" | "delete";

/** A named schema: its name is the component it becomes (#/components/schemas/Name). */
type Named = readonly [name: string, schema: z.ZodType];

export type Operation = {
  method: HttpMethod;
  /** OpenAPI path, `{param}` for a dynamic segment (`[param]` in app/api/v1). */
  path: string;
  tag: "Workspaces" | "Entities" | "Machines" | "Changes" | "Tokens" | "Agents" | "Document";
  operationId: string;
  summary: string;
  description: string;
  /** Who may call it, in words; the roles are the user's roles on the workspace or its subscription. */
  access: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: Named;
  response: Named;
  status?: 200 | 201;
  /** Error statuses besides the ones every authenticated endpoint has (401, 403, 429, 500). */
  errors: readonly (400 | 404 | 409 | 413 | 422)[];
  /** Who authenticates: a user (token or session; the default), an agent token, or nobody (the document itself). */
  auth?: "user" | "agent" | "none";
};

const READ = "Any role on the workspace: Reader, Contributor or Owner.";
const EDIT = "Contributor or Owner of the workspace (or its subscription). A Reader gets 403.";
const OWNER = "Owner of the workspace (or its subscription). Readers and Contributors get 403.";
/** The agent endpoints answer TypeScript-typed objects (app/api/v1/agent/schema.ts); described, not yet schema'd. */
const ZAgentAnswer = z.object({}).loose().meta({ description: "See app/api/v1/agent/schema.ts for the fields." });

const PERIOD =
  "The period is `period=1h|24h|7d|30d` (default 7d), or a custom range `from` and `to` (ISO 8601 with an offset, at most 366 days).";

export const OPERATIONS: readonly Operation[] = [
  {
    method: "get",
    path: "/api/v1/workspaces",
    tag: "Workspaces",
    operationId: "listWorkspaces",
    summary: "List workspaces",
    description:
      "Every workspace you hold a role on (directly or through its subscription), with its plan, FIM state, machine counts and changes of the last 7 days.",
    access: "Any signed-in user; the list holds only workspaces the user has a role on.",
    response: ["WorkspaceList", ZWorkspaceList],
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{id}",
    tag: "Workspaces",
    operationId: "getWorkspace",
    summary: "Get a workspace",
    description: "A workspace's subscription and plan, FIM state, machines, tracked entity count, your role and what it allows (`can`).",
    access: READ,
    params: ZWorkspaceParams,
    response: ["WorkspaceDetails", ZWorkspaceDetails],
    errors: [404, 422],
  },
  {
    method: "post",
    path: "/api/v1/workspaces/{id}/upgrade",
    tag: "Workspaces",
    operationId: "upgradePlan",
    summary: "Upgrade the subscription's plan",
    description:
      "Upgrades the workspace's subscription to Microsoft Defender for Servers Plan 2, which FIM needs. 409 when it already has it. No body.",
    access: "Owner of the subscription (a workspace role is not enough). Others get 403.",
    params: ZWorkspaceParams,
    response: ["UpgradeResult", ZUpgradeResult],
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/api/v1/workspaces/{id}/enable",
    tag: "Workspaces",
    operationId: "enableFim",
    summary: "Enable file integrity monitoring",
    description:
      "Enables FIM with the recommended entities you list (all of them when `entities` is left out). Needs Plan 2 (409 otherwise); 409 when FIM is already enabled.",
    access: OWNER,
    params: ZWorkspaceParams,
    body: ["EnableBody", ZV1EnableBody],
    response: ["EnableResult", ZEnableResult],
    errors: [400, 404, 409, 422],
  },
  {
    method: "post",
    path: "/api/v1/workspaces/{id}/disable",
    tag: "Workspaces",
    operationId: "disableFim",
    summary: "Disable file integrity monitoring",
    description: "Removes every tracked entity and stops collection. Recorded changes stay readable. 409 when FIM is not enabled. No body.",
    access: OWNER,
    params: ZWorkspaceParams,
    response: ["DisableResult", ZDisableResult],
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{id}/entities",
    tag: "Entities",
    operationId: "listEntities",
    summary: "List tracked entities",
    description:
      "The workspace's tracked entities (Workspace Configuration), optionally of one kind, with how their collection goes on the machines.",
    access: READ,
    params: ZEntityListParams,
    query: ZV1EntitiesQuery,
    response: ["EntityList", ZV1EntityList],
    errors: [404, 422],
  },
  {
    method: "post",
    path: "/api/v1/workspaces/{id}/entities",
    tag: "Entities",
    operationId: "createEntity",
    summary: "Add a tracked entity",
    description:
      "Adds a Windows registry key, Windows file, Linux file or Windows service to track. `kind`, `itemName` and `path` are required; the rest takes its kind's defaults. 422 names every invalid field; 409 for a duplicate, a full kind or a workspace without FIM.",
    access: EDIT,
    params: ZEntityListParams,
    body: ["EntityCreateBody", ZEntityCreateBody],
    response: ["Entity", ZEntity],
    status: 201,
    errors: [400, 404, 409, 422],
  },
  {
    method: "patch",
    path: "/api/v1/workspaces/{id}/entities/{entityId}",
    tag: "Entities",
    operationId: "updateEntity",
    summary: "Update a tracked entity",
    description:
      "Changes only the fields sent. Send `version` (the entity's `updatedAt`) to be refused with 409 if someone else edited it since you read it. The kind cannot change. A change of what is collected resets the entity's baseline.",
    access: EDIT,
    params: ZEntityParams,
    body: ["EntityPatchBody", ZEntityPatchBody],
    response: ["Entity", ZEntity],
    errors: [400, 404, 409, 422],
  },
  {
    method: "delete",
    path: "/api/v1/workspaces/{id}/entities/{entityId}",
    tag: "Entities",
    operationId: "deleteEntity",
    summary: "Delete a tracked entity",
    description: "Stops tracking the entity on every machine and drops its baseline. Its recorded changes stay in the history.",
    access: EDIT,
    params: ZEntityParams,
    response: ["EntityDeleted", ZEntityDeleted],
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{id}/machines",
    tag: "Machines",
    operationId: "listMachines",
    summary: "List machines",
    description: `Every machine of the workspace with its changes in the period, by change type (the Servers tab). Sorted and paged by page number. ${PERIOD}`,
    access: READ,
    params: ZWorkspaceParams,
    query: ZServersQuery,
    response: ["MachinesPage", ZServersPage],
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{id}/machines/{machineId}",
    tag: "Machines",
    operationId: "getMachine",
    summary: "Get a machine",
    description: `One machine: OS, collection status, last report and its changes in the period by type. ${PERIOD}`,
    access: READ,
    params: ZV1MachineParams,
    query: ZPeriodQuery,
    response: ["Machine", ZV1Machine],
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{id}/changes",
    tag: "Changes",
    operationId: "listChanges",
    summary: "List changes",
    description: `Changes to files, registry keys and services, newest first, filtered by period, change type, category, machine (\`machineId\` or \`computer\`) and text. Cursor pagination: pass \`nextCursor\` as \`cursor\` with the same filters until it is null. ${PERIOD}`,
    access: READ,
    params: ZWorkspaceParams,
    query: ZV1ChangesQuery,
    response: ["ChangesPage", ZV1ChangesPage],
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{id}/changes/{changeId}",
    tag: "Changes",
    operationId: "getChange",
    summary: "Get change details",
    description:
      "Every field of one change, previous and current side by side, the tracked entity that matched, and the content diff when content is uploaded.",
    access: READ,
    params: ZChangeParams,
    response: ["ChangeDetails", ZChangeDetails],
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    tag: "Tokens",
    operationId: "listTokens",
    summary: "List your API tokens",
    description: "Your personal API tokens, newest first, without their secrets.",
    access: "Any signed-in user (session or user token); only your own tokens.",
    response: ["TokenList", ZTokenList],
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    tag: "Tokens",
    operationId: "createToken",
    summary: "Create an API token",
    description:
      "Creates a personal token that acts with your roles. The answer holds the secret (`token`) this once. A token created with a token never outlives the token that created it.",
    access: "Any signed-in user (session or user token).",
    body: ["TokenCreateBody", ZTokenCreateBody],
    response: ["TokenCreated", ZTokenCreated],
    status: 201,
    errors: [400, 422],
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{id}",
    tag: "Tokens",
    operationId: "revokeToken",
    summary: "Revoke an API token",
    description: "Revokes one of your tokens at once. Another user's token is not found (404).",
    access: "The token's owner.",
    params: ZTokenParams,
    response: ["TokenRevoked", ZTokenRevoked],
    errors: [404, 422],
  },
  // The remote agent's endpoints (app/api/v1/agent, lib/server/agents): request bodies from its zod schemas.
  {
    method: "post",
    path: "/api/v1/agent/register",
    tag: "Agents",
    operationId: "registerAgent",
    summary: "Register an agent's machine",
    description:
      "Registers the host of a remote agent as a machine of a workspace (by id or name) and answers its agent token once. The agent then calls config and scans with that token.",
    access: "Contributor or Owner of the workspace, with a user token or session.",
    body: ["AgentRegisterBody", ZAgentRegisterBody],
    response: ["AgentRegistration", ZAgentAnswer],
    status: 201,
    errors: [400, 404, 409, 422],
  },
  {
    method: "get",
    path: "/api/v1/agent/config",
    tag: "Agents",
    operationId: "getAgentConfig",
    summary: "Get the agent's configuration",
    description: "The agent token's machine: whether FIM is enabled, the configuration version and the enabled entities to scan.",
    access: "An agent token (bound to one machine); user tokens get 403.",
    response: ["AgentConfig", ZAgentAnswer],
    errors: [404],
    auth: "agent",
  },
  {
    method: "post",
    path: "/api/v1/agent/scans",
    tag: "Agents",
    operationId: "postAgentScans",
    summary: "Post scan reports",
    description:
      "One or more scan reports of the token's machine, each diffed against the last inventory and committed once (resending a scanId is safe). Too large a body gets 413.",
    access: "An agent token (bound to one machine); user tokens get 403.",
    body: ["AgentScansBody", ZAgentScansBody],
    response: ["AgentScansResult", ZAgentAnswer],
    errors: [400, 404, 409, 413, 422],
    auth: "agent",
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Document",
    operationId: "getOpenApiDocument",
    summary: "This document",
    description: "The OpenAPI 3.1 document of this API, generated from the schemas the server validates with.",
    access: "Anyone; no token needed.",
    response: ["OpenApiDocument", z.object({ openapi: z.string() }).loose()],
    errors: [],
    auth: "none",
  },
];

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

const ERROR_TEXT: Record<number, string> = {
  400: "The body is not valid JSON (`bad_request`).",
  401: "No token or session, or the token is unknown, revoked or expired (`unauthorized`).",
  403: "Your role does not allow this, or an agent token was sent (`forbidden`).",
  404: "Not found, or you have no role on it (`not_found`): ids of other tenants are never confirmed.",
  409: "The state does not allow it, e.g. already enabled, a duplicate, or edited meanwhile (`conflict`).",
  413: "The request body is too large (`payload_too_large`).",
  422: "A field is not valid (`validation_failed`); `fields` names each one.",
  429: "Too many requests with this token (`rate_limited`); wait the Retry-After seconds.",
  500: "Something failed on the server (`internal`); quote the requestId.",
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (status: number) => ({ $ref: `#/components/responses/E${status}` });

/** The OpenAPI 3.1 document, built from OPERATIONS. */
export function buildOpenApiDocument(serverUrl?: string) {
  const schemas: Record<string, JsonSchema> = { Error: jsonSchema(ZErrorBody, "output") };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    if (op.body) schemas[op.body[0]] = jsonSchema(op.body[1], "input");
    schemas[op.response[0]] = jsonSchema(op.response[1], "output");
    const statuses = op.auth === "none" ? [] : [...new Set([...op.errors, 401, 403, 429, 500])].sort((a, b) => a - b);
    const responses: Record<string, unknown> = {
      [String(op.status ?? 200)]: { description: op.summary, content: { "application/json": { schema: ref(op.response[0]) } } },
    };
    for (const s of statuses) responses[String(s)] = errorResponse(s);
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: `${op.description}\n\n**Access:** ${op.access}`,
      "x-access": op.access,
      ...(op.auth === "none" ? { security: [] } : op.auth === "agent" ? { security: [{ agentToken: [] }] } : {}),
      parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query")],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body[0]) } } } } : {}),
      responses,
    };
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
      { name: "Tokens", description: "Your personal API tokens." },
      {
        name: "Agents",
        description: "Remote agents: registration with a user token, then configuration and scan reports with the machine's agent token.",
      },
      { name: "Document", description: "This OpenAPI document." },
    ],
    security: [{ bearerToken: [] }],
    paths,
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
