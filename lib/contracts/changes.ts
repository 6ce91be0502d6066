// Changes: the one change list (Changes tab, a machine's results, the API), and one change's details.
import { z } from "zod";
import { ATTRIBUTIONS } from "@/lib/domain/packages";
import { CHANGE_CATEGORIES, CHANGE_TYPES, REVIEW_STATES, SORT_DIRS } from "@/lib/domain/types";
import { hasControlCharacter, ZId } from "./common";
import { endpoint } from "./endpoint";
import { PERIOD_TEXT, ZPeriodQuery, ZResolvedPeriod } from "./period";

export const ZChangeType = z.enum(CHANGE_TYPES, { message: "Choose a change type of Files, Registry or WindowsServices." });
export const ZChangeCategory = z.enum(CHANGE_CATEGORIES, { message: "Choose a category of Added, Modified or Removed." });
export const ZAttribution = z.enum(ATTRIBUTIONS, { message: "Choose an attribution of PackageUpdate, DiffersFromPackage or NoPackage." });
export const ZReviewState = z.enum(REVIEW_STATES, { message: "Choose a review state of Unreviewed, Expected or Suspicious." });

export const CHANGE_SORTS = ["time", "machine", "type", "category"] as const;
export type TChangeSort = (typeof CHANGE_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

const CURSOR_MESSAGE = "The page cursor is not valid; start again from the first page.";

const ZSearch = z
  .string()
  .trim()
  .max(200, "Search for at most 200 characters.")
  .refine((v) => !hasControlCharacter(v), "The search text contains a control character (such as NUL); remove it.")
  .optional()
  .meta({ description: "Case-insensitive text searched in the path or key (target) and the computer name." });

/** Sort and page: what every change list takes besides its filters. */
export const ZChangePaging = z.object({
  q: ZSearch,
  sort: z
    .enum(CHANGE_SORTS, { message: "Sort by time, machine, type or category." })
    .optional()
    .meta({ description: "Sort key; the default is time (newest first)." }),
  dir: z
    .enum(SORT_DIRS, { message: "Sort direction is asc or desc." })
    .optional()
    .meta({ description: "Sort direction; the default is desc for time, asc otherwise." }),
  cursor: z
    .string()
    .max(600, CURSOR_MESSAGE)
    .regex(/^[A-Za-z0-9_-]*$/, CURSOR_MESSAGE)
    .optional()
    .meta({
      description: "`nextCursor` or `prevCursor` of the previous page; leave out for the first page. Keep the other filters the same.",
    }),
  limit: z.coerce
    .number({ message: "The limit is a number from 1 to 100." })
    .int("The limit is a whole number.")
    .min(1, "Ask for at least 1 change a page.")
    .max(100, "Ask for at most 100 changes a page.")
    .optional()
    .meta({ description: "Changes per page, 1 to 100 (default 50)." }),
});

/** The filters of the Changes tab besides the period and the text: the list and the bulk review take the same. */
const FILTERS = {
  changeType: ZChangeType.optional().meta({ description: "Only changes of this type." }),
  category: ZChangeCategory.optional().meta({ description: "Only changes of this category." }),
  reviewState: ZReviewState.optional().meta({ description: "Only changes in this review state." }),
  attribution: ZAttribution.optional().meta({
    description: "Only file changes of this package attribution: PackageUpdate, DiffersFromPackage or NoPackage.",
  }),
  machineId: ZId("machine id").optional().meta({ description: "Only changes of this machine (its id)." }),
  computer: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((v) => !hasControlCharacter(v), "The computer name contains a control character (such as NUL); remove it.")
    .optional()
    .meta({ description: "Only changes of the machine with this name (exact, case-insensitive)." }),
};

const oneMachineFilter = (q: { machineId?: string; computer?: string }, ctx: z.RefinementCtx) => {
  if (q.machineId && q.computer)
    ctx.addIssue({ code: "custom", path: ["computer"], message: "Filter by machineId or by computer, not both." });
};

/** The Changes tab and GET …/changes: period, filters, search, sort and the page. */
export const ZChangesQuery = ZPeriodQuery.and(ZChangePaging.extend(FILTERS)).superRefine(oneMachineFilter);
/** Which changes: the Changes tab's period, filters and search, without sort or page (the bulk review). */
export const ZChangeFilter = ZPeriodQuery.and(z.object({ q: ZSearch, ...FILTERS })).superRefine(oneMachineFilter);
export type TChangeFilter = z.infer<typeof ZChangeFilter>;
export type TChangesQuery = z.infer<typeof ZChangesQuery>;

/** One row of the Changes tab (and of a machine's query results on the Servers tab). */
export const ZChangeRow = z.object({
  id: z.string(),
  machineId: z.string(),
  computer: z.string(),
  changeType: ZChangeType,
  category: ZChangeCategory,
  timeGenerated: z.string(),
  target: z.string(),
  name: z.string(),
  fieldsChanged: z.string(),
  reviewState: ZReviewState,
  attribution: ZAttribution.nullable().meta({ description: "Package attribution of a file change; null when none was made." }),
});
export type TChangeRow = z.infer<typeof ZChangeRow>;

export const ZChangesPage = z.object({
  period: ZResolvedPeriod,
  changes: z.array(ZChangeRow),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  prevCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the previous page; null on the first page." }),
});
export type TChangesPage = z.infer<typeof ZChangesPage>;

export const ZChangeParams = z.object({ id: ZId("workspace id"), changeId: ZId("change id") });

const ZSide = z.object({
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  acls: z.string().nullable(),
  attributes: z.string().nullable(),
  dateCreated: z.string().nullable(),
  dateModified: z.string().nullable(),
  valueType: z.string().nullable(),
  valueData: z.string().nullable(),
  svcState: z.string().nullable(),
  svcStartupType: z.string().nullable(),
  svcPath: z.string().nullable(),
  svcAccount: z.string().nullable(),
  contentSha256: z.string().nullable(),
  fileType: z.string().nullable(),
  linkCount: z.number().nullable(),
  linkTarget: z.string().nullable(),
  xattrs: z.string().nullable(),
  posixAcl: z.string().nullable(),
  capabilities: z.string().nullable(),
  selinuxContext: z.string().nullable(),
});
export type TChangeSide = z.infer<typeof ZSide>;

const ZDiffLine = z.union([
  z.object({ kind: z.literal("same"), text: z.string(), oldNo: z.number(), newNo: z.number() }),
  z.object({ kind: z.literal("removed"), text: z.string(), oldNo: z.number() }),
  z.object({ kind: z.literal("added"), text: z.string(), newNo: z.number() }),
]);

/** The before/after of uploaded content: a line diff, or why there is none. */
export const ZContentDiff = z.object({
  status: z.enum(["diff", "identical", "too-different", "binary", "missing"]),
  beforeSize: z.number().nullable(),
  afterSize: z.number().nullable(),
  added: z.number(),
  removed: z.number(),
  hunks: z.array(
    z.object({ oldStart: z.number(), oldLines: z.number(), newStart: z.number(), newLines: z.number(), lines: z.array(ZDiffLine) }),
  ),
});
export type TContentDiff = z.infer<typeof ZContentDiff>;

/** A change's current review: its state, who set it and when (null while Unreviewed and never set). */
export const ZReview = z.object({
  state: ZReviewState,
  at: z.string().nullable(),
  byEmail: z.string().nullable(),
  comment: z.string().nullable(),
});
export type TReview = z.infer<typeof ZReview>;

/** One step of a change's review history, newest first in Change details. */
export const ZReviewStep = z.object({
  at: z.string(),
  state: ZReviewState,
  previousState: ZReviewState,
  actorEmail: z.string(),
  comment: z.string().nullable(),
  bulk: z.boolean().meta({ description: "Set by a bulk review of a filter rather than on this change alone." }),
});
export type TReviewStep = z.infer<typeof ZReviewStep>;

export const ZChangeDetails = ZChangeRow.extend({
  hive: z.string().nullable(),
  registryKey: z.string().nullable(),
  valueName: z.string().nullable(),
  svcName: z.string().nullable(),
  svcDisplayName: z.string().nullable(),
  scanId: z.string(),
  current: ZSide,
  previous: ZSide,
  /** The tracked entity (Workspace Configuration row) that matched; null once it was deleted (or FIM disabled). */
  entity: z
    .object({ id: z.string(), itemName: z.string(), kind: z.string(), path: z.string(), valueName: z.string(), group: z.string() })
    .nullable(),
  content: ZContentDiff.nullable(),
  /** The package facts behind the attribution: the owning package, its version, and its last upgrade. */
  package: z
    .object({ name: z.string(), version: z.string().nullable(), previousVersion: z.string().nullable(), updatedAt: z.string().nullable() })
    .nullable(),
  review: ZReview,
  reviewHistory: z.array(ZReviewStep).meta({ description: "Every change of the review state, newest first." }),
});
export type TChangeDetails = z.infer<typeof ZChangeDetails>;

export const changeEndpoints = {
  list: endpoint({
    operationId: "listChanges",
    method: "GET",
    path: "/api/v1/workspaces/{id}/changes",
    tag: "Changes",
    summary: "List changes",
    description: `Changes to files, registry keys and services, filtered by period, change type, category, machine (\`machineId\` or \`computer\`) and text, sorted by time (newest first), machine, type or category. Cursor pagination: pass \`nextCursor\` as \`cursor\` with the same filters until it is null. ${PERIOD_TEXT}`,
    access: { kind: "workspace", action: "workspace.read" },
    params: z.object({ id: ZId("workspace id") }),
    query: ZChangesQuery,
    response: ZChangesPage,
    responseName: "ChangesPage",
    errors: [404, 422],
  }),
  get: endpoint({
    operationId: "getChange",
    method: "GET",
    path: "/api/v1/workspaces/{id}/changes/{changeId}",
    tag: "Changes",
    summary: "Get change details",
    description:
      "Every field of one change, previous and current side by side, the tracked entity that matched, and the content diff when content is uploaded.",
    access: { kind: "workspace", action: "workspace.read" },
    params: ZChangeParams,
    response: ZChangeDetails,
    responseName: "ChangeDetails",
    errors: [404, 422],
  }),
};
