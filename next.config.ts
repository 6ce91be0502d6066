import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and driver packages must load from node_modules at run time, not be bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  // Several builds can share one checkout (parallel e2e runs): each may use its own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
