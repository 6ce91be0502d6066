import type { NextConfig } from "next";
import { API_SECURITY_HEADERS, HSTS } from "./lib/domain/security-headers";

const nextConfig: NextConfig = {
  // Native and driver packages must load from node_modules at run time, not be bundled.
  // pdfkit reads its built-in font metrics (Helvetica's AFM data) through its package "imports" at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pdfkit",
    // Kusto's parser (Logs queries) is a Bridge.NET bundle that defines its globals when Node loads it.
    "@kusto/language-service-next",
  ],
  // Several builds can share one checkout (parallel e2e runs): each may use its own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
  // The test run type-checks the project first (npm test: tsc --noEmit); the e2e suite's build need not do it again.
  typescript: { ignoreBuildErrors: process.env.VIGIL_BUILD_TYPECHECK === "0" },
  // Pages get their security headers (with a per-request CSP nonce) from proxy.ts; API answers get these.
  async headers() {
    return [
      { source: "/api/:path*", headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
};

export default nextConfig;
