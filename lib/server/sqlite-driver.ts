import "server-only";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * better-sqlite3's entry, resolved from the app's directory: for the worker threads that open their own connection
 * from evaluated source (which the bundler does not see, and whose require would resolve from elsewhere).
 */
export function sqliteDriverPath(): string {
  return createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json")).resolve("better-sqlite3");
}
