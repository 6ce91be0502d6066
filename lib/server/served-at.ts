import "server-only";
import { servedOrigins } from "@/lib/domain/served-origins";

/** The port this web process serves on (`npm start` passes PORT). */
export function servedPort(): number {
  const port = Number(process.env.PORT);
  return Number.isInteger(port) && port > 0 ? port : 3000;
}

/** The URL users are told to open: BETTER_AUTH_URL or VIGIL_URL, else this machine on the served port. */
export function publicUrl(): string {
  return new URL(process.env.BETTER_AUTH_URL ?? process.env.VIGIL_URL ?? `http://localhost:${servedPort()}`).origin;
}

/** Origins a browser may sign in from: where the portal is served, plus VIGIL_TRUSTED_ORIGINS (comma-separated). */
export function acceptedOrigins(): string[] {
  const extra = (process.env.VIGIL_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return [...new Set([...servedOrigins(publicUrl(), servedPort()), ...extra])];
}
