// The scanner worker process. Until the change-tracking engine lands it only reports that it is alive.
import { log } from "@/lib/server/log";

log.info("scanner worker started", { pid: process.pid, mode: "idle" });
const timer = setInterval(() => log.debug("scanner worker idle"), 60_000);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    clearInterval(timer);
    log.info("scanner worker stopped", { signal: sig });
    process.exit(0);
  });
}
