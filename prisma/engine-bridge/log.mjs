// Diagnostics for the bridge itself: with PRISMA_BRIDGE_DEBUG set, each workaround that fires is
// logged, to stderr as a native-style log line (the CLI ignores non-error lines) or, when the
// variable holds a path, appended to that file (the CLI swallows the engine's stderr).
import fs from "node:fs";

export function note(message) {
  const target = process.env.PRISMA_BRIDGE_DEBUG;
  if (!target) return;
  const line = JSON.stringify({ level: "DEBUG", fields: { message: `[bridge] ${message}` }, target: "schema_engine_bridge" }) + "\n";
  if (target.includes("/")) fs.appendFileSync(target, line);
  else process.stderr.write(line);
}
