import "server-only";
import crypto from "node:crypto";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getDb, type Db } from "./db";
import { AppError, errorBody, toAppError, type FieldIssue } from "./errors";
import { log } from "./log";
import { requireUser, type TCurrentUser } from "./session";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type HandlerArgs<TBody, TQuery, TParams> = {
  req: Request;
  db: Db;
  user: TCurrentUser;
  body: TBody;
  query: TQuery;
  params: TParams;
  requestId: string;
};

type RouteOptions<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> = {
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
      const user = await requireUser(req.headers);
      const db = await getDb();
      const params = parse(options.params, await ctx.params, "address");
      const query = parse(options.query, Object.fromEntries(new URL(req.url).searchParams), "query");
      const body = options.body && req.method !== "GET" ? parse(options.body, await readJson(req), "request") : undefined;
      const result = await handler({ req, db, user, body: body as z.infer<B>, query, params, requestId });
      if (result instanceof Response) return result;
      return json(result ?? { ok: true });
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === "internal") log.error("request failed", { requestId, url: req.url, err: String(err), stack: (err as Error)?.stack });
      return json(errorBody(appErr, requestId), { status: appErr.status, headers: { "x-request-id": requestId } });
    }
  };
}
