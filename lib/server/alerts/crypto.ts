import "server-only";
import crypto from "node:crypto";
import { storageKey } from "../secret";

// Destination secrets at rest: AES-256-GCM, a fresh 12-byte nonce per value, "v1." + base64url(nonce|tag|ciphertext).
// A value tampered with, or encrypted under another key, fails to decrypt instead of yielding garbage.

export function encryptSecret(plain: string, key: Buffer = storageKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url")}`;
}

export function decryptSecret(stored: string, key: Buffer = storageKey()): string {
  if (!stored.startsWith("v1.")) throw new Error("Unknown secret format");
  const raw = Buffer.from(stored.slice(3), "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** A new webhook signing key, shown to the user once. */
export const newSigningKey = () => `whsec_${crypto.randomBytes(24).toString("base64url")}`;

/** The webhook signature: HMAC-SHA256 over "<timestamp>.<body>", hex, as X-Vigil-Signature "sha256=<hex>". */
export function signBody(key: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", key).update(`${timestamp}.${body}`).digest("hex")}`;
}
