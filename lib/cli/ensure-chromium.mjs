// e2e needs a Chromium. Playwright's own browser download cannot work offline, so Debian's package is used:
// installed here when we are root, otherwise the exact command is printed.
import fs from "node:fs";
import { execSync } from "node:child_process";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(path)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium not found at ${path}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\nor set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium)…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
}
