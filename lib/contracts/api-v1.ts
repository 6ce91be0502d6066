// REST API v1: the request and response schemas that are the API's own. Everything else (workspace rows and details,
// entity bodies, change rows and details, the period filter) is the portal's schema, reused as is: the API and the
// portal validate with the same zod schemas, and the OpenAPI document (lib/server/api-v1/openapi.ts) is generated
// from them.
import { z } from "zod";
import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { ERROR_STATUS } from "@/lib/server/errors";
import { ZChangeCategory, ZChangeRow, ZChangeType } from "./changes";
import { ZEntityList } from "./entities";
import { ZServerRow } from "./machines";
import { ZPeriodQuery, ZResolvedPeriod } from "./period";

// ───────────── Errors ─────────────

/** The one error body of every endpoint (lib/server/errors.ts TErrorBody). */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]).meta({
      description: "Stable machine-readable code; the HTTP status follows from it.",
    }),
    message: z.string().meta({ description: "What went wrong and how to fix it, written for people." }),
    requestId: z.string().meta({ description: "Also sent as the x-request-id header; quote it when reporting a problem." }),
    fields: z
      .array(
        z.object({
          field: z.string().meta({ description: "Dotted path of the field, e.g. `path` or `entities.0`." }),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: "On validation_failed (422): every field that is wrong." }),
  }),
});

// ───────────── Workspaces ─────────────

/** POST /workspaces/{id}/enable: the recommended entities to track; all of them when `entities` is left out. */
export const ZV1EnableBody = z.object({
  entities: z
    .array(z.enum(RECOMMENDED_KEYS as [string, ...string[]], { message: "Pick entities from the recommended list." }))
    .max(RECOMMENDED_KEYS.length)
    .optional()
    .meta({ description: "Keys (`KIND:path`) of the recommended entities to track. Omit to track every recommended entity." }),
});

export const ZUpgradeResult = z.object({ subscriptionId: z.string(), plan: z.literal("DEFENDER_SERVERS_P2") });
export const ZEnableResult = z.object({
  workspaceId: z.string(),
  entities: z.number().int().meta({ description: "Tracked entities created." }),
});
export const ZDisableResult = z.object({ workspaceId: z.string(), removedEntities: z.number().int() });

// ───────────── Entities ─────────────

export const ENTITY_KINDS_V1 = ["WINDOWS_REGISTRY", "WINDOWS_FILE", "LINUX_FILE", "FILE_CONTENT", "WINDOWS_SERVICE"] as const;

export const ZV1EntitiesQuery = z.object({
  kind: z
    .enum(ENTITY_KINDS_V1, { message: "Choose a kind of WINDOWS_REGISTRY, WINDOWS_FILE, LINUX_FILE, FILE_CONTENT or WINDOWS_SERVICE." })
    .optional()
    .meta({ description: "Only entities of this kind (a tab of Workspace Configuration)." }),
});
export type TV1EntitiesQuery = z.infer<typeof ZV1EntitiesQuery>;

export const ZV1EntityList = ZEntityList;
export const ZEntityDeleted = z.object({ id: z.string(), deleted: z.literal(true) });

// ───────────── Machines ─────────────

export const ZV1MachineParams = z.object({ id: z.string().min(1).max(64), machineId: z.string().min(1).max(64) });

/** GET /workspaces/{id}/machines/{machineId}: the machine and its changes in the period, by type. */
export const ZV1Machine = ZServerRow.extend({
  osVersion: z.string(),
  lastError: z.string().nullable().meta({ description: "Why the last collection failed, when collectionStatus is ERROR or WARNING." }),
  createdAt: z.string(),
  period: ZResolvedPeriod,
});
export type TV1Machine = z.infer<typeof ZV1Machine>;

// ───────────── Changes ─────────────

/** GET /workspaces/{id}/changes: newest first, filtered, one page at a time. */
export const ZV1ChangesQuery = ZPeriodQuery.and(
  z.object({
    changeType: ZChangeType.optional().meta({ description: "Only changes of this type." }),
    category: ZChangeCategory.optional().meta({ description: "Only changes of this category." }),
    machineId: z.string().min(1).max(64).optional().meta({ description: "Only changes of this machine (its id)." }),
    computer: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .meta({ description: "Only changes of the machine with this name (exact, case-insensitive)." }),
    q: z.string().trim().max(200, "Search for at most 200 characters.").optional().meta({
      description: "Case-insensitive text searched in the path or key (target) and the computer name.",
    }),
    cursor: z.string().max(600, "The page cursor is not valid; start again from the first page.").optional().meta({
      description: "`nextCursor` of the previous page; leave out for the first page. Keep the other filters the same.",
    }),
    limit: z.coerce
      .number({ message: "The limit is a number from 1 to 100." })
      .int("The limit is a whole number.")
      .min(1, "Ask for at least 1 change a page.")
      .max(100, "Ask for at most 100 changes a page.")
      .optional()
      .meta({
        description: "Changes per page, 1 to 100 (default 50).",
      }),
  }),
).superRefine((q, ctx) => {
  if (q.machineId && q.computer)
    ctx.addIssue({ code: "custom", path: ["computer"], message: "Filter by machineId or by computer, not both." });
});
export type TV1ChangesQuery = z.infer<typeof ZV1ChangesQuery>;

export const ZV1ChangesPage = z.object({
  period: ZResolvedPeriod,
  changes: z.array(ZChangeRow),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
});
export type TV1ChangesPage = z.infer<typeof ZV1ChangesPage>;

// ───────────── Tokens ─────────────

export const ZTokenParams = z.object({ id: z.string().min(1).max(64) });

export const ZTokenCreateBody = z.object({
  name: z
    .string({ message: "Name the token, e.g. after the script or pipeline that uses it." })
    .trim()
    .min(1, "Name the token, e.g. after the script or pipeline that uses it.")
    .max(100, "The name is at most 100 characters."),
  expiresInDays: z
    .number({ message: "Give the expiry in days, from 1 to 366, or leave it out for a token that does not expire." })
    .int("Give the expiry in whole days.")
    .min(1, "A token lives at least 1 day.")
    .max(366, "A token lives at most 366 days; create a new one when it expires.")
    .nullable()
    .optional()
    .meta({ description: "Days until the token expires (1 to 366). Null or left out: it does not expire." }),
});
export type TTokenCreateBody = z.infer<typeof ZTokenCreateBody>;

export const ZToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
});
export type TToken = z.infer<typeof ZToken>;

export const ZTokenList = z.object({ tokens: z.array(ZToken) });
export type TTokenList = z.infer<typeof ZTokenList>;

export const ZTokenCreated = ZToken.extend({
  token: z.string().meta({ description: "The secret, `vgl_…`. Shown this once: it is stored only as a hash." }),
});
export type TTokenCreated = z.infer<typeof ZTokenCreated>;

export const ZTokenRevoked = z.object({ id: z.string(), revoked: z.literal(true) });
