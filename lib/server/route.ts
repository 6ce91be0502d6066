import "server-only";
import crypto from "node:crypto";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getDb, type Db } from "./db";
import { AppError, errorBody, toAppError, type FieldIssue } from "./errors";
import { log } from "./log";
import { requireAgent, requireUser, type TAgentIdentity, type TCurrentUser } from "./session";
import { RateLimitedError } from "./tokens/rate-limit";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type HandlerArgs<TBody, TQuery, TParams> = {
  req: Request;
  db: Db;
  /** The user (session or user token); for `auth: "agent"` routes, the user who created the agent token. */
  user: TCurrentUser;
  /** Set on `auth: "agent"` routes only. */
  agent: TAgentIdentity | null;
  body: TBody;
  query: TQuery;
  params: TParams;
  requestId: string;
};

type RouteOptions<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> = {
  /** "user" (default): a session or a user API token. "agent": an agent token, bound to one machine. */
  auth?: "user" | "agent";
  body?: B;
  query?: Q;
  params?: P;
};

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || "(request)", message: i.message }));
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, what: string): z.infer<S> {
  if (!schema) return undefined as z.infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = zodIssues(result.error);
    throw new AppError("validation_failed", `The ${what} is not valid: ${fields[0]?.message ?? "check the fields"}`, fields);
  }
  return result.data;
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** JSON with bigint (file sizes) written as numbers-as-strings would surprise clients: write them as numbers. */
export function json(data: unknown, init?: ResponseInit): NextResponse {
  const body = JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
  return new NextResponse(body, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
}

async function agentUser(db: Db, agent: TAgentIdentity): Promise<TCurrentUser> {
  const user = await db.user.findUnique({ where: { id: agent.userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("unauthorized", "The API token is not valid, was revoked or has expired.");
  return user;
}

/**
 * The one wrapper for route handlers: request id, authentication, zod parsing of body, query and params,
 * and mapping of every error to the one error body. Authorization is the handler's first call
 * (authorizeWorkspace…), because the tenant scope comes from the resource, not from the request.
 */
export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  options: RouteOptions<B, Q, P>,
  handler: (args: HandlerArgs<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>,
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const db = await getDb();
      const agent = options.auth === "agent" ? await requireAgent(req.headers) : null;
      const user = agent ? await agentUser(db, agent) : await requireUser(req.headers);
      const params = parse(options.params, await ctx.params, "address");
      const query = parse(options.query, Object.fromEntries(new URL(req.url).searchParams), "query");
      const body = options.body && req.method !== "GET" ? parse(options.body, await readJson(req), "request") : undefined;
      const result = await handler({ req, db, user, agent, body: body as z.infer<B>, query, params, requestId });
      if (result instanceof Response) return result;
      return json(result ?? { ok: true });
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === "internal")
        log.error("request failed", { requestId, url: req.url, err: String(err), stack: (err as Error)?.stack });
      const headers: Record<string, string> = { "x-request-id": requestId };
      if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
      return json(errorBody(appErr, requestId), { status: appErr.status, headers });
    }
  };
}
