// An endpoint is declared once: method, path, schemas, who may call it. The route wrapper (lib/server/route.ts)
// enforces exactly this declaration, the client (lib/client/api.ts) calls through it, and the OpenAPI document
// (./openapi.ts) is generated from it, so a route cannot do what its document does not say.
import type { z } from "zod";
import type { TAction } from "@/lib/domain/roles";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** Who may call an endpoint. A workspace endpoint has an `{id}` path parameter: the workspace the role is on. */
export type TAccess = { kind: "public" } | { kind: "user" } | { kind: "agent" } | { kind: "workspace"; action: TAction };

export type Tag =
  "Workspaces" | "Entities" | "Machines" | "Changes" | "Rules" | "Alerts" | "Logs" | "Dashboard" | "Tokens" | "Agents" | "Document";

/** Largest JSON body an endpoint reads unless it declares its own limit. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

type Opt = z.ZodType | undefined;

export type Endpoint<
  P extends Opt = Opt,
  Q extends Opt = Opt,
  B extends Opt = Opt,
  R extends z.ZodType = z.ZodType,
  A extends TAccess = TAccess,
> = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path: `{param}` for a dynamic segment (`[param]` in app/api/v1). */
  path: `/api/v1/${string}`;
  tag: Tag;
  summary: string;
  description: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Component names in the OpenAPI document. */
  bodyName?: string;
  response: R;
  responseName: string;
  status?: 200 | 201;
  /** Error statuses besides the ones every authenticated endpoint has (401, 403, 429, 500). */
  errors: readonly (400 | 404 | 409 | 413 | 422)[];
  maxBodyBytes?: number;
  /** The answer holds a secret: `Cache-Control: no-store`. */
  noStore?: boolean;
  /**
   * A file download instead of JSON: the handler answers a Response of this type (lib/server/export/download.ts) with
   * `Content-Disposition: attachment`, and `response` is the file as a string schema (see ZCsvFile, ZPdfFile).
   */
  download?: DownloadType;
};

export type DownloadType = "text/csv" | "application/pdf";

export function endpoint<
  P extends Opt = undefined,
  Q extends Opt = undefined,
  B extends Opt = undefined,
  R extends z.ZodType = z.ZodType,
  const A extends TAccess = TAccess,
>(e: Endpoint<P, Q, B, R, A>): Endpoint<P, Q, B, R, A> {
  return e;
}

export type AnyEndpoint = Endpoint<Opt, Opt, Opt, z.ZodType, TAccess>;
type Present<S> = Exclude<S, undefined>;
/** The parsed value of an optional schema (undefined where the endpoint has none). */
export type Out<S> = [Present<S>] extends [never] ? undefined : Present<S> extends z.ZodType ? z.output<Present<S>> : undefined;
/** What a caller sends for an optional schema. */
export type In<S> = [Present<S>] extends [never] ? undefined : Present<S> extends z.ZodType ? z.input<Present<S>> : undefined;

const ACTION_TEXT: Record<TAction, string> = {
  "workspace.read": "Any role on the workspace: Reader, Contributor or Owner.",
  "entity.edit": "Contributor or Owner of the workspace (or its subscription). A Reader gets 403.",
  "fim.enable": "Owner of the workspace (or its subscription). Readers and Contributors get 403.",
  "fim.disable": "Owner of the workspace (or its subscription). Readers and Contributors get 403.",
  "change.review": "Contributor or Owner of the workspace (or its subscription). A Reader gets 403.",
  "retention.set": "Owner of the workspace (or its subscription). Readers and Contributors get 403.",
  "plan.upgrade": "Owner of the subscription (a workspace role is not enough). Others get 403.",
  "alert.manage": "Owner of the workspace (or its subscription). Readers and Contributors get 403.",
  "alert.edit": "Contributor or Owner of the workspace (or its subscription). A Reader gets 403.",
  "query.run": "Any role on the workspace: Reader, Contributor or Owner. The query reads only this workspace's rows.",
  "query.save": "Contributor or Owner of the workspace (or its subscription). A Reader gets 403.",
};

/** Who may call it, in words, for the API reference. */
export function accessText(access: TAccess): string {
  switch (access.kind) {
    case "public":
      return "Anyone; no token needed.";
    case "user":
      return "Any signed-in user (session or user token).";
    case "agent":
      return "An agent token (bound to one machine); user tokens get 403.";
    case "workspace":
      return ACTION_TEXT[access.action];
  }
}
