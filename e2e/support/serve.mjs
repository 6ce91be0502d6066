// Starts the portal for e2e on a fresh database: the same `npm start` path, minus the leftovers of a last run.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";

const url = process.env.DATABASE_URL ?? "";
if (url.startsWith("file:")) {
  const file = path.resolve(url.replace(/^file:/, ""));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}
// node itself with tsx as a loader: the wrapper CLI would leave the server running when Playwright stops it.
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/start.ts"], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
