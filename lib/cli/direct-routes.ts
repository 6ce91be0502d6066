// Hot API routes served by the web server itself, through their own compiled route handler, without Next.js's request
// pipeline. Agents' scan reports are most of what the server takes in, and for them that pipeline (routing, its request
// and response wrappers, its async contexts, its patched Date) was a fifth to a third of the web process's CPU per
// change record under ingestion. The dashboard's three reads (its header, the Servers tab and the Changes tab, asked on
// every visit, period change and refresh) likewise. The handler is the same one Next.js runs (the route
// wrapper: authentication, body cap, parsing, error mapping), from the same build; only the way to it is shorter.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { API_SECURITY_HEADERS, HSTS } from "@/lib/domain/security-headers";

type RouteHandler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  endpoint?: { method: string; path: string; maxBodyBytes?: number };
};

export type DirectRoute = {
  method: string;
  path: string;
  maxBodyBytes: number;
  handler: RouteHandler;
  /** For a path with parameters ({id}): the path's pattern, a group per parameter, and the parameters' names. */
  pattern?: RegExp;
  params?: string[];
};
/**
 * Routes by "METHOD /path" as the API names them ({id} for a parameter). A route of an exact path takes that address
 * only (one with a query string goes to Next.js); a GET with parameters takes its query string too.
 */
export type DirectRoutes = Map<string, DirectRoute>;

/** The routes worth the shortcut: taken on every scan of every agent, and on every look at a dashboard. */
const DIRECT = [
  { method: "POST", path: "/api/v1/agent/scans", module: "app/api/v1/agent/scans/route.js" },
  { method: "GET", path: "/api/v1/workspaces/{id}/summary", module: "app/api/v1/workspaces/[id]/summary/route.js" },
  { method: "GET", path: "/api/v1/workspaces/{id}/machines", module: "app/api/v1/workspaces/[id]/machines/route.js" },
  { method: "GET", path: "/api/v1/workspaces/{id}/changes", module: "app/api/v1/workspaces/[id]/changes/route.js" },
] as const;

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
  const route: DirectRoute = {
    method,
    path: routePath,
    maxBodyBytes: ep.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    handler: handler as RouteHandler,
  };
  const params = [...routePath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (params.length) {
    const escaped = routePath.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
    route.pattern = new RegExp(`^${escaped.join("([^/]+)")}$`);
    route.params = params;
  }
  return route;
}

export type DirectMatch = { route: DirectRoute; params: Record<string, string> };

/**
 * The direct route of a request and its path parameters (decoded as Next.js decodes them), or undefined: Next.js
 * answers it. A parameter that is not valid percent-encoding is left to Next.js too (its proxy answers 400).
 */
export function directRouteOf(routes: DirectRoutes, req: IncomingMessage): DirectMatch | undefined {
  if (!routes.size) return undefined;
  const url = req.url ?? "/";
  const exact = routes.get(`${req.method} ${url}`);
  if (exact && !exact.pattern) return { route: exact, params: {} };
  if (req.method !== "GET") return undefined;
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  for (const route of routes.values()) {
    if (route.method !== "GET" || !route.pattern) continue;
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    try {
      return { route, params: Object.fromEntries(route.params!.map((name, i) => [name, decodeURIComponent(m[i + 1])])) };
    } catch {
      return undefined;
    }
  }
  return undefined;
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

const gzip = promisify(zlib.gzip);
/** Answers from this size on are compressed for a client that takes gzip, as Next.js compresses them. */
const COMPRESS_FROM_BYTES = 1024;

/** Answers a request of a direct route: its handler's answer, with the headers next.config.ts gives API answers. */
export async function serveDirect({ route, params }: DirectMatch, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  const answer = await route.handler(request, { params: Promise.resolve(params) });
  const out: Record<string, string> = { ...API_SECURITY_HEADERS };
  if (req.headers["x-forwarded-proto"] === "https") out["Strict-Transport-Security"] = HSTS;
  answer.headers.forEach((value, name) => (out[name] = value));
  let bytes = Buffer.from(await answer.arrayBuffer());
  if (bytes.length >= COMPRESS_FROM_BYTES && !out["content-encoding"] && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    bytes = await gzip(bytes);
    out["content-encoding"] = "gzip";
    out.vary = out.vary ? `${out.vary}, Accept-Encoding` : "Accept-Encoding";
  }
  out["content-length"] = String(bytes.length);
  // An unread body (over the cap) is not drained: the connection closes after the answer.
  if (tooLarge) out.connection = "close";
  res.writeHead(answer.status, out);
  res.end(bytes, () => {
    if (tooLarge) req.destroy();
  });
}
