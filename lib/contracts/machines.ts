import { z } from "zod";
import { ZChangeRow } from "./changes";
import { ZPeriodQuery, ZResolvedPeriod } from "./period";

export const SERVER_SORTS = ["name", "total", "files", "registry", "services"] as const;
export type TServerSort = (typeof SERVER_SORTS)[number];

/** The Servers tab: period, sort and page of the machine list. */
export const ZServersQuery = ZPeriodQuery.and(
  z.object({
    sort: z
      .enum(SERVER_SORTS, { message: "Sort by name, total, files, registry or services." })
      .optional()
      .meta({ description: "Sort key; the default is total (changes in the period)." }),
    dir: z
      .enum(["asc", "desc"], { message: "Sort direction is asc or desc." })
      .optional()
      .meta({ description: "Sort direction; the default is asc for name, desc otherwise." }),
    page: z.coerce.number().int().min(1, "Pages start at 1.").max(10_000).optional().meta({ description: "Page number, from 1." }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200, "Ask for at most 200 machines a page.")
      .optional()
      .meta({ description: "Machines per page, 1 to 200 (default 50)." }),
    q: z
      .string()
      .trim()
      .max(100, "Search for at most 100 characters.")
      .optional()
      .meta({ description: "Only machines whose name contains this text." }),
  }),
);
export type TServersQuery = z.infer<typeof ZServersQuery>;

export const ZServerRow = z.object({
  id: z.string(),
  name: z.string(),
  osFamily: z.enum(["WINDOWS", "LINUX"]),
  collectionStatus: z.enum(["PENDING", "HEALTHY", "WARNING", "ERROR"]),
  lastReportAt: z.string().nullable(),
  lastFullVerificationAt: z
    .string()
    .nullable()
    .optional()
    .meta({ description: "Since then every tracked file's content was read and hashed again (bounded trust); null before the first." }),
  total: z.number(),
  files: z.number(),
  registry: z.number(),
  services: z.number(),
});
export type TServerRow = z.infer<typeof ZServerRow>;

export const ZServersPage = z.object({
  period: ZResolvedPeriod,
  rows: z.array(ZServerRow),
  page: z.number(),
  pageCount: z.number(),
  /** Machines matching the search (all machines of the workspace without one). */
  total: z.number(),
  /** The Log Analytics query the counts stand for. */
  query: z.string(),
});
export type TServersPage = z.infer<typeof ZServersPage>;

export const ZMachineParams = z.object({ id: z.string().min(1).max(64), machineId: z.string().min(1).max(64) });

export const ZMachineChangesQuery = ZPeriodQuery.and(
  z.object({
    cursor: z.string().max(600).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  }),
);
export type TMachineChangesQuery = z.infer<typeof ZMachineChangesQuery>;

/** A selected machine: the query as the portal shows it, and its results. */
export const ZMachineChanges = z.object({
  period: ZResolvedPeriod,
  machine: z.object({ id: z.string(), name: z.string() }),
  query: z.string(),
  rows: z.array(ZChangeRow),
  next: z.string().nullable(),
  prev: z.string().nullable(),
});
export type TMachineChanges = z.infer<typeof ZMachineChanges>;
