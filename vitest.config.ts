import { defineConfig } from "vitest/config";
import os from "node:os";
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
    // Every core (Vitest 4 leaves one idle by default: a single worker on 2 cores). Most files wait on databases,
    // child processes and sockets as much as they compute.
    maxWorkers: os.availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
