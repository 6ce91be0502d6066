import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

/**
 * The session-signing secret: BETTER_AUTH_SECRET when set, else one generated on first start and kept in
 * ./data, so a fresh install is secure without a manual step and sessions survive restarts.
 */
export function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.VIGIL_DATA_DIR ?? "data", "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process (web or worker) wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
