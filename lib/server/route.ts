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

type HandleOptions<E extends AnyEndpoint> = {
  /** Runs on the raw JSON before the schema parses it: cheap limits (413) that must come before a costly parse. */
  beforeParse?: (raw: unknown) => void;
  /**
   * A faster parse of the common body that answers exactly what the schema answers, or null to let the schema judge
   * (and word the refusal): for bodies of many entries, where the schema's generic checks cost more than the work.
   */
  fastParse?: (raw: unknown) => Out<E["body"]> | null;
};

/** A route handler with the endpoint it serves, so tests can hold every route against its declaration. */
export type EndpointHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { endpoint: AnyEndpoint };

/** Below this many characters an answer is not worth a gzip stream of its own (the compression's threshold). */
const SMALL_ANSWER = 1024;

/**
 * JSON with bigint (file sizes) written as numbers: numbers-as-strings would surprise clients. A small answer (an
 * agent's acknowledgement) is marked no-transform, so that the server sends it as is: Next drops Content-Length and
 * would otherwise open a gzip stream for every answer of unknown length.
 */
export function json(data: unknown, init?: ResponseInit): NextResponse {
  const body = JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
  const headers = new Headers(init?.headers);
  headers.set("content-type", headers.get("content-type") ?? "application/json");
  if (body.length < SMALL_ANSWER && !headers.has("cache-control")) headers.set("cache-control", "no-transform");
  return new NextResponse(body, { ...init, headers });
}

/** In development and tests every answer is checked against its declared schema: the document cannot promise more. */
const checkResponses = () => process.env.NODE_ENV !== "production" || process.env.VIGIL_CHECK_RESPONSES === "1";

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
  options: HandleOptions<E> = {},
): EndpointHandler {
  const run = async (req: Request, ctx: RouteContext): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const db = await getDb();
      const kind = ep.access.kind;
      const agent = kind === "agent" ? await requireAgent(req.headers) : null;
      const user = kind === "public" ? null : agent ? agent.user : await requireUser(req.headers);
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
        body = ep.body ? (options.fastParse?.(raw) ?? parseWith(ep.body, raw, "request")) : undefined;
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
