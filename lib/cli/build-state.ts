import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "proxy.ts"];

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === "generated" || e === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

/** True when there is no production build, or a source file is newer than it. */
export function buildIsStale(root: string): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return true;
  }
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(root, p)));
  return Math.max(...sources) > built;
}
