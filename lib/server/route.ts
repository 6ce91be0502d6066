import "server-only";
import crypto from "node:crypto";
import { NextResponse } from "next/server";
import { DEFAULT_MAX_BODY_BYTES, type AnyEndpoint, type Out } from "@/lib/contracts/endpoint";
import { getDb, type Db } from "./db";
import { AppError, errorBody, toAppError } from "./errors";
import { log } from "./log";
import { authorizeWorkspace } from "./permissions";
import { assertSameOrigin, parseWith, readJsonBody } from "./request";
import { requireAgent, requireUser, type TAgentIdentity, type TCurrentUser } from "./session";
import { bearerToken } from "./tokens/tokens";
import { RateLimitedError } from "./tokens/rate-limit";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type HandlerArgs<E extends AnyEndpoint> = {
  req: Request;
  db: Db;
  /** The caller: a session or user token; for agent endpoints the user who registered the agent; null on public ones. */
  user: E["access"]["kind"] extends "public" ? null : TCurrentUser;
  /** Set on agent endpoints only. */
  agent: E["access"]["kind"] extends "agent" ? TAgentIdentity : null;
  params: Out<E["params"]>;
  query: Out<E["query"]>;
  body: Out<E["body"]>;
  requestId: string;
};

type HandleOptions = {
  /** Runs on the raw JSON before the schema parses it: cheap limits (413) that must come before a costly parse. */
  beforeParse?: (raw: unknown) => void;
};

/** A route handler with the endpoint it serves, so tests can hold every route against its declaration. */
export type EndpointHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { endpoint: AnyEndpoint };

/** JSON with bigint (file sizes) written as numbers: numbers-as-strings would surprise clients. */
export function json(data: unknown, init?: ResponseInit): NextResponse {
  const body = JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
  return new NextResponse(body, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
}

/** In development and tests every answer is checked against its declared schema: the document cannot promise more. */
const checkResponses = () => process.env.NODE_ENV !== "production" || process.env.VIGIL_CHECK_RESPONSES === "1";

async function agentUser(db: Db, agent: TAgentIdentity): Promise<TCurrentUser> {
  const user = await db.user.findUnique({ where: { id: agent.userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("unauthorized", "The API token is not valid, was revoked or has expired.");
  return user;
}

/** Dynamic URL segments arrive decoded; a segment that was not valid percent-encoding cannot be an id. */
async function readParams(ctx: RouteContext): Promise<Record<string, string | string[]>> {
  try {
    return await ctx.params;
  } catch {
    throw new AppError("bad_request", "The address is not valid: a part of it is not valid percent-encoding.");
  }
}

function assertResponse(ep: AnyEndpoint, result: unknown, requestId: string) {
  const checked = ep.response.safeParse(JSON.parse(JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? Number(v) : v))));
  if (checked.success) return;
  log.error("response does not match its schema", { requestId, operation: ep.operationId, issues: checked.error.issues.slice(0, 5) });
  throw new Error(`${ep.operationId} answered outside its schema: ${checked.error.message}`);
}

/** A download endpoint answers the file it declares, as an attachment; anything else is a bug of its handler. */
function downloadOf(ep: AnyEndpoint, result: unknown): Response {
  const type = result instanceof Response ? (result.headers.get("content-type") ?? "") : "";
  const attached = result instanceof Response && (result.headers.get("content-disposition") ?? "").startsWith("attachment;");
  if (!type.startsWith(ep.download!) || !attached) throw new Error(`${ep.operationId} did not answer a ${ep.download} attachment.`);
  return result as Response;
}

/**
 * The one wrapper of every /api/v1 route: request id, authentication, the browser checks of cookie-authenticated
 * changes, the permission the endpoint declares (the workspace comes from the resource's `{id}`, never from a body),
 * zod parsing of params, query and body with a size cap, the response checked against its schema, and every error
 * mapped to the one error body.
 */
export function handle<E extends AnyEndpoint>(
  ep: E,
  handler: (args: HandlerArgs<E>) => Promise<unknown>,
  options: HandleOptions = {},
): EndpointHandler {
  const run = async (req: Request, ctx: RouteContext): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const db = await getDb();
      const kind = ep.access.kind;
      const agent = kind === "agent" ? await requireAgent(req.headers) : null;
      const user = kind === "public" ? null : agent ? await agentUser(db, agent) : await requireUser(req.headers);
      const mutation = req.method !== "GET" && req.method !== "HEAD";
      const byCookie = kind !== "public" && !bearerToken(req.headers);
      if (mutation && byCookie) assertSameOrigin(req);
      const params = ep.params ? parseWith(ep.params, await readParams(ctx), "address") : undefined;
      if (ep.access.kind === "workspace" && user) {
        await authorizeWorkspace(db, user, (params as { id: string }).id, ep.access.action);
      }
      const query = ep.query ? parseWith(ep.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined;
      let body: unknown;
      if (mutation) {
        const raw = await readJsonBody(req, ep.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, byCookie);
        options.beforeParse?.(raw);
        body = ep.body ? parseWith(ep.body, raw, "request") : undefined;
      }
      const args = { req, db, user, agent, params, query, body, requestId } as HandlerArgs<E>;
      const result = await handler(args);
      if (ep.download) return downloadOf(ep, result);
      if (result instanceof Response) return result;
      if (checkResponses()) assertResponse(ep, result, requestId);
      const headers: Record<string, string> = ep.noStore ? { "cache-control": "no-store" } : {};
      return json(result, { status: ep.status ?? 200, headers });
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === "internal")
        log.error("request failed", { requestId, url: req.url, err: String(err), stack: (err as Error)?.stack });
      const headers: Record<string, string> = { "x-request-id": requestId };
      if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
      return json(errorBody(appErr, requestId), { status: appErr.status, headers });
    }
  };
  return Object.assign(run, { endpoint: ep as AnyEndpoint });
}
