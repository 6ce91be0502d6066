// Test support: the web server (./web-server.ts) with its direct routes and a stand-in for Next.js behind it, which
// answers "next" and records what reached it, listening on a free loopback port.
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/domain/trusted-proxies";
import type { DirectRoutes } from "./direct-routes";
import { createWebServer } from "./web-server";

/** The server, and `toNext`: "METHOD url" of each request that went to Next.js. */
export function serveWithNextStandIn(routes: DirectRoutes, toNext: string[], proxies: TrustedProxies = parseTrustedProxies(undefined)) {
  return createWebServer(
    async (req, res) => {
      toNext.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("next");
    },
    proxies,
    routes,
  );
}

/** Listens on a free loopback port; the server's base URL. */
export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
