// Hot API routes served by the web server itself, through their own compiled route handler, without Next.js's request
// pipeline. Agents' scan reports are most of what the server takes in, and for them that pipeline (routing, its request
// and response wrappers, its async contexts, its patched Date) was a fifth to a third of the web process's CPU per
// change record under ingestion. The handler is the same one Next.js runs (the route
// wrapper: authentication, body cap, parsing, error mapping), from the same build; only the way to it is shorter.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { API_SECURITY_HEADERS, HSTS } from "@/lib/domain/security-headers";

type RouteHandler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  endpoint?: { method: string; path: string; maxBodyBytes?: number };
};

export type DirectRoute = { method: string; path: string; maxBodyBytes: number; handler: RouteHandler };
/** Routes by "METHOD /path" (an exact path: an address with a query string or anything else goes to Next.js). */
export type DirectRoutes = Map<string, DirectRoute>;

/** The routes worth the shortcut: taken on every scan of every agent. */
const DIRECT = [{ method: "POST", path: "/api/v1/agent/scans", module: "app/api/v1/agent/scans/route.js" }] as const;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The shape of a compiled app route module this relies on (Next.js's own, as it loads it for a request). */
type CompiledRoute = { routeModule?: { ensureUserland?: () => Promise<void>; userland?: Record<string, unknown> } };

/**
 * The direct routes of the build in distDir. A route whose compiled module is not what is expected (another Next.js
 * version, a handler not made by the route wrapper for that method and path) is left to Next.js, with a warning.
 */
export async function loadDirectRoutes(distDir: string, warn: (msg: string) => void): Promise<DirectRoutes> {
  const routes: DirectRoutes = new Map();
  // Every route through Next.js (VIGIL_DIRECT_ROUTES=0): for a comparison, or should a Next.js upgrade need it.
  if (process.env.VIGIL_DIRECT_ROUTES === "0") return routes;
  const load = createRequire(import.meta.url);
  for (const r of DIRECT) {
    try {
      const mod = load(path.resolve(distDir, "server", r.module)) as CompiledRoute;
      await mod.routeModule?.ensureUserland?.();
      routes.set(`${r.method} ${r.path}`, directRoute(r.method, r.path, mod.routeModule?.userland?.[r.method]));
    } catch (err) {
      warn(`${r.method} ${r.path} is left to Next.js: ${(err as Error).message}`);
    }
  }
  return routes;
}

/** A direct route of a handler made by the route wrapper (lib/server/route.ts) for exactly this method and path. */
export function directRoute(method: string, routePath: string, handler: unknown): DirectRoute {
  const ep = (handler as RouteHandler | undefined)?.endpoint;
  if (typeof handler !== "function" || ep?.method !== method || ep.path !== routePath)
    throw new Error(`its compiled module has no route handler of ${method} ${routePath}`);
  return { method, path: routePath, maxBodyBytes: ep.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, handler: handler as RouteHandler };
}

export function directRouteOf(routes: DirectRoutes, req: IncomingMessage): DirectRoute | undefined {
  return routes.size ? routes.get(`${req.method} ${req.url}`) : undefined;
}

type Body = Buffer | "too large" | "gone";

/** The body; "too large" past `max` bytes (declared or sent), and then the rest is not read; "gone" if the client left. */
function readBody(req: IncomingMessage, max: number): Promise<Body> {
  if (Number(req.headers["content-length"]) > max) return Promise.resolve("too large");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve("too large");
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks, size)));
    req.on("error", () => resolve("gone"));
    req.on("close", () => resolve(req.complete ? Buffer.concat(chunks, size) : "gone"));
  });
}

/** The request's origin as Next.js forms it (from Host), or localhost when Host is not a host. */
function originOf(host: string | undefined): string {
  try {
    return new URL(`http://${host ?? "localhost"}`).origin;
  } catch {
    return "http://localhost";
  }
}

/** Answers a request of a direct route: its handler's answer, with the headers next.config.ts gives API answers. */
export async function serveDirect(route: DirectRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, route.maxBodyBytes);
  if (body === "gone") return; // nobody to answer; nothing was handed to the route
  const tooLarge = body === "too large";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
  // Past the cap the handler answers 413 from the declared length alone, as it does under Next.js.
  if (tooLarge) headers.set("content-length", String(Math.max(Number(req.headers["content-length"]) || 0, route.maxBodyBytes + 1)));
  const request = new Request(`${originOf(req.headers.host)}${req.url}`, {
    method: req.method,
    headers,
    body: !tooLarge && body.length ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) : undefined,
  });
  const answer = await route.handler(request, { params: Promise.resolve({}) });
  const out: Record<string, string> = { ...API_SECURITY_HEADERS };
  if (req.headers["x-forwarded-proto"] === "https") out["Strict-Transport-Security"] = HSTS;
  answer.headers.forEach((value, name) => (out[name] = value));
  const bytes = Buffer.from(await answer.arrayBuffer());
  out["content-length"] = String(bytes.length);
  // An unread body (over the cap) is not drained: the connection closes after the answer.
  if (tooLarge) out.connection = "close";
  res.writeHead(answer.status, out);
  res.end(bytes, () => {
    if (tooLarge) req.destroy();
  });
}
