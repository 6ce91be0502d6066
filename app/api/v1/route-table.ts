// Test support: every route file of app/api/v1, found on disk, with its OpenAPI path and its exported handlers.
// Not a route itself (Next routes only route.ts files).
import fs from "node:fs";
import path from "node:path";
import type { EndpointHandler } from "@/lib/server/route";

export type RouteMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type RouteModule = Partial<Record<RouteMethod, EndpointHandler>>;
export type RouteFile = { file: string; pattern: string; mod: RouteModule };

const V1 = import.meta.dirname;

function routeFiles(dir = V1, segments: string[] = []): { file: string; pattern: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.isDirectory()) return routeFiles(path.join(dir, d.name), [...segments, d.name]);
    if (d.name !== "route.ts") return [];
    const pattern = "/api/v1/" + segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
    return [{ file: path.join(dir, d.name), pattern }];
  });
}

/** Imports every route module (tests mock the database before calling this). */
export async function loadRoutes(): Promise<RouteFile[]> {
  const files = routeFiles();
  return Promise.all(files.map(async (f) => ({ ...f, mod: (await import(f.file)) as RouteModule })));
}

/** The route file and path parameters of a URL path, as Next would route it (static segments before dynamic ones). */
export function matchRoute(routes: RouteFile[], pathname: string): { route: RouteFile; params: Record<string, string> } {
  const ranked = [...routes].sort((a, b) => (a.pattern.match(/\{/g)?.length ?? 0) - (b.pattern.match(/\{/g)?.length ?? 0));
  for (const route of ranked) {
    const names: string[] = [];
    const re = new RegExp(`^${route.pattern.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`);
    const m = re.exec(pathname);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  throw new Error(`no route for ${pathname}`);
}
