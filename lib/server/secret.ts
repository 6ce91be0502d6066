import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

/**
 * A secret from the environment when set, else one generated on first start and kept in the data dir (./data), so a
 * fresh install is secure without a manual step and the secret survives restarts. Web server and worker share it.
 */
function keptSecret(envValue: string | undefined, fileName: string): string {
  if (envValue) return envValue;
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.VIGIL_DATA_DIR ?? "data", fileName);
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

/** The session-signing secret: BETTER_AUTH_SECRET, else data/auth-secret. */
export function authSecret(): string {
  return keptSecret(process.env.BETTER_AUTH_SECRET, "auth-secret");
}

/**
 * The key that encrypts stored secrets (webhook signing keys, SMTP passwords): VIGIL_SECRET_KEY, else
 * data/secret-key; hashed to the 32 bytes AES-256 takes, so any long random text serves.
 */
export function storageKey(): Buffer {
  return crypto.createHash("sha256").update(keptSecret(process.env.VIGIL_SECRET_KEY, "secret-key")).digest();
}
