// The dashboard's summary: totals, breakdowns by change type and category, and the timeline of the period.
import { z } from "zod";
import { endpoint } from "./endpoint";
import { PERIOD_TEXT, ZPeriodQuery, ZResolvedPeriod } from "./period";
import { ZWorkspaceParams } from "./workspaces";

const ZTypeCounts = z.object({ Files: z.number(), Registry: z.number(), WindowsServices: z.number() });

export const ZSummary = z.object({
  period: ZResolvedPeriod,
  /** Total number of machines connected to the workspace. */
  machines: z.number(),
  totalChanges: z.number(),
  byType: ZTypeCounts,
  byCategory: z.object({ Added: z.number(), Modified: z.number(), Removed: z.number() }),
  /** What needs a look: the period's changes by review state, and file changes by package attribution. */
  byReview: z.object({ Unreviewed: z.number(), Expected: z.number(), Suspicious: z.number() }),
  byAttribution: z.object({ PackageUpdate: z.number(), DiffersFromPackage: z.number(), NoPackage: z.number() }),
  /** Changes over time, per change type, in buckets of bucketMs starting at `start`. */
  timeline: z.object({
    bucketMs: z.number(),
    buckets: z.array(ZTypeCounts.extend({ start: z.string() })),
  }),
});
export type TSummary = z.infer<typeof ZSummary>;

export const summaryEndpoints = {
  get: endpoint({
    operationId: "getSummary",
    method: "GET",
    path: "/api/v1/workspaces/{id}/summary",
    tag: "Dashboard",
    summary: "Get the dashboard summary",
    description: `The dashboard's header and charts: machines, total changes, changes by type, category, review state and package attribution, and the timeline in buckets. ${PERIOD_TEXT}`,
    access: { kind: "workspace", action: "workspace.read" },
    params: ZWorkspaceParams,
    query: ZPeriodQuery,
    response: ZSummary,
    responseName: "Summary",
    errors: [404, 422],
  }),
};
