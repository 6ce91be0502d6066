// The one error body of every endpoint, and the code → HTTP status table the server maps errors with.
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const ZFieldIssue = z.object({
  field: z.string().meta({ description: "Dotted path of the field, e.g. `path` or `entities.0`." }),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof ZFieldIssue>;

export const ZErrorPosition = z
  .object({
    line: z.number().int().meta({ description: "1-based line." }),
    column: z.number().int().meta({ description: "1-based column." }),
    offset: z.number().int().meta({ description: "0-based offset into the text." }),
    length: z.number().int().meta({ description: "Characters the part spans." }),
  })
  .meta({ description: "On a Logs query Vigil cannot run (400): where the unsupported or wrong part is in the query text." });
export type TErrorPosition = z.infer<typeof ZErrorPosition>;

export const ZErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES).meta({ description: "Stable machine-readable code; the HTTP status follows from it." }),
    message: z.string().meta({ description: "What went wrong and how to fix it, written for people." }),
    requestId: z.string().meta({ description: "Also sent as the x-request-id header; quote it when reporting a problem." }),
    fields: z.array(ZFieldIssue).optional().meta({ description: "On validation_failed (422): every field that is wrong." }),
    position: ZErrorPosition.optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** What each error status means, for the API reference. */
export const ERROR_TEXT: Record<number, string> = {
  400: "The body is not valid JSON, a URL segment is not valid, or a Logs query cannot be run (`bad_request`; then `position` shows where).",
  401: "No token or session, or the token is unknown, revoked or expired (`unauthorized`).",
  403: "Your role does not allow this, an agent token was sent, or a browser request came from another site (`forbidden`).",
  404: "Not found, or you have no role on it (`not_found`): ids of other tenants are never confirmed.",
  409: "The state does not allow it, e.g. already enabled, a duplicate, or edited meanwhile (`conflict`).",
  413: "The request body is too large (`payload_too_large`).",
  415: "A request with a body must send it as `application/json` (`unsupported_media_type`).",
  422: "A field is not valid (`validation_failed`); `fields` names each one.",
  429: "Too many requests with this token (`rate_limited`); wait the Retry-After seconds.",
  500: "Something failed on the server (`internal`); quote the requestId.",
};
