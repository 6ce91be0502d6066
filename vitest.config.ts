import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "prisma/**/*.test.ts",
      "app/**/*.test.ts",
      "proxy.test.ts",
      "next.config.test.ts",
    ],
    environment: "node",
    // "server-only" throws outside a React server bundle; tests run server code directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
