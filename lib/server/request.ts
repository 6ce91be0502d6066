import "server-only";
import type { z } from "zod";
import type { FieldIssue } from "@/lib/contracts/errors";
import { AppError } from "./errors";

// Reading a request: the one JSON body reader (with its size cap), zod issues as field errors, and the browser checks
// that keep another site from acting with a user's session cookie.

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(request)", message: i.message }));
}

/** Parses with a schema, refusing with a 422 that names every wrong field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = zodIssues(result.error);
    const first = fields[0];
    throw new AppError(
      "validation_failed",
      `The ${what} is not valid: ${first && first.field !== "(request)" ? `${first.field}: ` : ""}${first?.message ?? "check the fields"}`,
      fields,
    );
  }
  return result.data;
}

const bytes = (n: number) => n.toLocaleString("en-US");

/** The body as text, refused with 413 past `max` bytes without reading the rest. */
export async function readCappedText(req: Request, max: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (declared > max) throw new AppError("payload_too_large", `The request body is ${bytes(declared)} bytes; the limit is ${bytes(max)}.`);
  if (!req.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", `The request body is over the limit of ${bytes(max)} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The body as JSON (an empty body reads as `{}`), capped at `max` bytes. With `requireJsonType`, a body sent as
 * anything but `application/json` is refused: a cross-site form can send text/plain without a CORS preflight.
 */
export async function readJsonBody(req: Request, max: number, requireJsonType = false): Promise<unknown> {
  const text = await readCappedText(req, max);
  if (!text) return {};
  if (requireJsonType && !/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON, with Content-Type: application/json.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** Origins the portal is served on besides the request's own: its public URL and any configured ones. */
function configuredOrigins(): string[] {
  const urls = [process.env.BETTER_AUTH_URL, process.env.VIGIL_URL, ...(process.env.VIGIL_TRUSTED_ORIGINS ?? "").split(",")];
  return urls.flatMap((u) => {
    try {
      return u ? [new URL(u.trim()).origin] : [];
    } catch {
      return [];
    }
  });
}

/**
 * A change made with the session cookie must come from the portal's own pages: a same-origin `Origin`, or
 * `Sec-Fetch-Site: same-origin`. Bearer-token calls carry no ambient credential and are not checked.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const own = new URL(req.url).origin;
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  if (origin !== null && (origin === own || configuredOrigins().includes(origin))) return;
  throw new AppError(
    "forbidden",
    "This request did not come from the portal's own pages (its Origin is another site's or missing), so it was refused. Make changes in the portal, or call the API with a token.",
  );
}
