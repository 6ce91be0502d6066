// The portal's web process (`npm start` runs it): the production build of Next.js behind lib/cli/web-server.ts.
// Run with NODE_ENV=production and without the react-server condition, as `next start` is.
import next from "next";
import { parseTrustedProxies } from "@/lib/domain/trusted-proxies";
import { loadDirectRoutes } from "./direct-routes";
import { createWebServer } from "./web-server";

const port = Number(process.env.PORT ?? 3000);
const proxies = parseTrustedProxies(process.env.VIGIL_TRUSTED_PROXIES);
const app = next({ dev: false, dir: process.cwd(), port });
await app.prepare();
const direct = await loadDirectRoutes(process.env.NEXT_DIST_DIR ?? ".next", (msg) =>
  console.warn(JSON.stringify({ level: "warn", msg: `served by Next.js: ${msg}` })),
);
const server = createWebServer(app.getRequestHandler(), proxies, direct);
server.listen(port, () =>
  console.log(
    JSON.stringify({ level: "info", msg: "web listening", port, trustedProxies: proxies.entries, directRoutes: [...direct.keys()] }),
  ),
);

for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
