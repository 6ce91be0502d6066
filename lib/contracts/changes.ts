import { z } from "zod";
import { CHANGE_CATEGORIES, CHANGE_TYPES } from "@/lib/domain/types";
import { ZPeriodQuery, ZResolvedPeriod } from "./period";

export const ZChangeType = z.enum(CHANGE_TYPES as ["Files", "Registry", "WindowsServices"], {
  message: "Choose a change type of Files, Registry or WindowsServices.",
});
export const ZChangeCategory = z.enum(CHANGE_CATEGORIES as ["Added", "Modified", "Removed"], {
  message: "Choose a category of Added, Modified or Removed.",
});

export const CHANGE_SORTS = ["time", "machine", "type", "category"] as const;
export type TChangeSort = (typeof CHANGE_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

/** The Changes tab: period, filters, search, sort and the page (an opaque cursor from the previous answer). */
export const ZChangesQuery = ZPeriodQuery.and(
  z.object({
    type: ZChangeType.optional(),
    category: ZChangeCategory.optional(),
    q: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
    sort: z.enum(CHANGE_SORTS, { message: "Sort by time, machine, type or category." }).optional(),
    dir: z.enum(["asc", "desc"], { message: "Sort direction is asc or desc." }).optional(),
    cursor: z.string().max(600, "The page cursor is not valid; start again from the first page.").optional(),
    limit: z.coerce.number().int().min(1).max(100, "Ask for at most 100 changes a page.").optional(),
  }),
);
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
});
export type TChangeRow = z.infer<typeof ZChangeRow>;

export const ZChangesPage = z.object({
  period: ZResolvedPeriod,
  rows: z.array(ZChangeRow),
  /** Cursors of the next and previous pages; null where there is none. */
  next: z.string().nullable(),
  prev: z.string().nullable(),
});
export type TChangesPage = z.infer<typeof ZChangesPage>;

export const ZChangeParams = z.object({ id: z.string().min(1).max(64), changeId: z.string().min(1).max(64) });

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
});
export type TChangeDetails = z.infer<typeof ZChangeDetails>;
