// Machines: the Servers tab (machines with their changes by type), one machine, and a machine's changes with its query.
import { z } from "zod";
import { MACHINE_STATES } from "@/lib/domain/machine-state";
import { COLLECTION_STATUSES, OS_FAMILIES, SORT_DIRS } from "@/lib/domain/types";
import { ZChangesPage } from "./changes";
import { hasControlCharacter, ZId } from "./common";
import { endpoint } from "./endpoint";
import { PERIOD_TEXT, ZPeriodQuery, ZResolvedPeriod } from "./period";

export const SERVER_SORTS = ["name", "total", "files", "registry", "services"] as const;
export type TServerSort = (typeof SERVER_SORTS)[number];

/** The Servers tab's sort and search: the list and its CSV export take the same. */
export const ZServersListing = z.object({
  sort: z
    .enum(SERVER_SORTS, { message: "Sort by name, total, files, registry or services." })
    .optional()
    .meta({ description: "Sort key; the default is total (changes in the period)." }),
  dir: z
    .enum(SORT_DIRS, { message: "Sort direction is asc or desc." })
    .optional()
    .meta({ description: "Sort direction; the default is asc for name, desc otherwise." }),
  q: z
    .string()
    .trim()
    .max(100, "Search for at most 100 characters.")
    .refine((v) => !hasControlCharacter(v), "The search text contains a control character (such as NUL); remove it.")
    .optional()
    .meta({ description: "Only machines whose name contains this text." }),
});

/** The Servers tab: period, sort, search and page of the machine list. */
export const ZServersQuery = ZPeriodQuery.and(
  ZServersListing.extend({
    page: z.coerce.number().int().min(1, "Pages start at 1.").max(10_000).optional().meta({ description: "Page number, from 1." }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200, "Ask for at most 200 machines a page.")
      .optional()
      .meta({ description: "Machines per page, 1 to 200 (default 50)." }),
  }),
);
export type TServersQuery = z.infer<typeof ZServersQuery>;

export const ZServerRow = z.object({
  id: z.string(),
  name: z.string(),
  osFamily: z.enum(OS_FAMILIES),
  collectionStatus: z.enum(COLLECTION_STATUSES),
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
  unreviewed: z.number().meta({ description: "Changes of the period still Unreviewed: what needs a look on this machine." }),
  state: z.enum(MACHINE_STATES).meta({
    description:
      "REPORTING; REPORTING_WITH_ERRORS (entityErrors says which entities fail and why); NOT_COLLECTING (FIM is disabled on the workspace); NOT_REPORTING (no scan for 3 collection periods).",
  }),
  entityErrors: z
    .array(z.object({ entity: z.string(), error: z.string() }))
    .meta({ description: "Entities whose last collection on this machine failed, with the reason (at most 20)." }),
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

export const ZMachineParams = z.object({ id: ZId("workspace id"), machineId: ZId("machine id") });

/** GET …/machines/{machineId}: the machine and its changes in the period, by type. */
export const ZMachine = ZServerRow.extend({
  osVersion: z.string(),
  lastError: z.string().nullable().meta({ description: "Why the last collection failed, when collectionStatus is ERROR or WARNING." }),
  createdAt: z.string(),
  period: ZResolvedPeriod,
});
export type TMachine = z.infer<typeof ZMachine>;

export const ZMachineChangesQuery = ZPeriodQuery.and(
  z.object({
    cursor: z
      .string()
      .max(600)
      .regex(/^[A-Za-z0-9_-]*$/, "The page cursor is not valid; start again from the first page.")
      .optional(),
    limit: z.coerce.number().int().min(1).max(100, "Ask for at most 100 changes a page.").optional(),
  }),
);
export type TMachineChangesQuery = z.infer<typeof ZMachineChangesQuery>;

/** A selected machine on the Servers tab: the query as the portal shows it, and its results (newest first). */
export const ZMachineChanges = ZChangesPage.extend({
  machine: z.object({ id: z.string(), name: z.string() }),
  query: z.string().meta({ description: "The Log Analytics query the results stand for." }),
});
export type TMachineChanges = z.infer<typeof ZMachineChanges>;

const read = { kind: "workspace", action: "workspace.read" } as const;

export const machineEndpoints = {
  list: endpoint({
    operationId: "listMachines",
    method: "GET",
    path: "/api/v1/workspaces/{id}/machines",
    tag: "Machines",
    summary: "List machines",
    description: `Every machine of the workspace with its changes in the period, by change type (the Servers tab). Sorted and paged by page number. ${PERIOD_TEXT}`,
    access: read,
    params: z.object({ id: ZId("workspace id") }),
    query: ZServersQuery,
    response: ZServersPage,
    responseName: "MachinesPage",
    errors: [404, 422],
  }),
  get: endpoint({
    operationId: "getMachine",
    method: "GET",
    path: "/api/v1/workspaces/{id}/machines/{machineId}",
    tag: "Machines",
    summary: "Get a machine",
    description: `One machine: OS, collection status, last report and its changes in the period by type. ${PERIOD_TEXT}`,
    access: read,
    params: ZMachineParams,
    query: ZPeriodQuery,
    response: ZMachine,
    responseName: "Machine",
    errors: [404, 422],
  }),
  changes: endpoint({
    operationId: "listMachineChanges",
    method: "GET",
    path: "/api/v1/workspaces/{id}/machines/{machineId}/changes",
    tag: "Machines",
    summary: "List a machine's changes with its query",
    description: `A machine's changes in the period, newest first, with the Log Analytics query they stand for (selecting a machine on the Servers tab). Cursor pagination both ways. ${PERIOD_TEXT}`,
    access: read,
    params: ZMachineParams,
    query: ZMachineChangesQuery,
    response: ZMachineChanges,
    responseName: "MachineChanges",
    errors: [404, 422],
  }),
};
