import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { trustForwardedHeaders, type TrustedProxies } from "@/lib/domain/trusted-proxies";
import { directRouteOf, serveDirect, type DirectRoutes } from "./direct-routes";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The HTTP server in front of Next.js. It exists for what `next start` cannot do: tell the app the address of the
 * socket's peer, so that X-Forwarded-For is believed only from the configured proxies; and serve the hot routes
 * (agents' scans, the dashboard's reads) without Next.js's request pipeline (./direct-routes.ts).
 */
export function createWebServer(handle: RequestHandler, proxies: TrustedProxies, direct: DirectRoutes = new Map()): http.Server {
  return http.createServer((req, res) => {
    trustForwardedHeaders(req.headers, req.socket.remoteAddress, proxies);
    const match = directRouteOf(direct, req);
    (match ? serveDirect(match, req, res) : handle(req, res)).catch((err: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "request failed", error: String(err) }));
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
