// Review states: was a change expected? One change at a time from Change details, or every change of the Changes
// tab's current filter at once.
import { z } from "zod";
import { ZChangeFilter, ZChangeParams, ZReview, ZReviewState, ZReviewStep } from "./changes";
import { ZId, ZText } from "./common";
import { endpoint } from "./endpoint";
import { PERIOD_TEXT } from "./period";

const review = { kind: "workspace", action: "change.review" } as const;

export const ZReviewBody = z.object({
  state: ZReviewState,
  comment: ZText("The comment", 1000).trim().optional().meta({ description: "Why: shown in the change's review history." }),
});
export type TReviewBody = z.infer<typeof ZReviewBody>;

export const ZBulkReviewBody = ZReviewBody.extend({
  dryRun: z
    .boolean({ message: "dryRun is true or false." })
    .optional()
    .meta({ description: "Count only: answer how many changes match and would change, and change nothing." }),
});
export type TBulkReviewBody = z.infer<typeof ZBulkReviewBody>;

export const ZReviewResult = z.object({ id: z.string(), review: ZReview, history: z.array(ZReviewStep) });
export type TReviewResult = z.infer<typeof ZReviewResult>;

export const ZBulkReviewResult = z.object({
  state: ZReviewState,
  matched: z.number().int().meta({ description: "Changes the filter matches." }),
  updated: z.number().int().meta({ description: "Changes whose state changed (0 on a dry run); the others were already in it." }),
  wouldUpdate: z.number().int().meta({ description: "Changes not yet in the state: what the review changes (or would, on a dry run)." }),
  dryRun: z.boolean(),
});
export type TBulkReviewResult = z.infer<typeof ZBulkReviewResult>;

export const reviewEndpoints = {
  set: endpoint({
    operationId: "reviewChange",
    method: "POST",
    path: "/api/v1/workspaces/{id}/changes/{changeId}/review",
    tag: "Changes",
    summary: "Review a change",
    description:
      "Sets one change's review state (Unreviewed, Expected or Suspicious) with an optional comment. The change's review history and the workspace's audit trail record who set it and when.",
    access: review,
    params: ZChangeParams,
    body: ZReviewBody,
    bodyName: "ReviewBody",
    response: ZReviewResult,
    responseName: "ReviewResult",
    errors: [400, 404, 413, 422],
  }),
  bulk: endpoint({
    operationId: "reviewChanges",
    method: "POST",
    path: "/api/v1/workspaces/{id}/changes/review",
    tag: "Changes",
    summary: "Review every change of a filter",
    description: `Sets the review state of every change the query matches: the same period, \`changeType\`, \`category\`, \`reviewState\`, machine and text filters as GET …/changes (no paging). Answers how many matched and how many changed; \`dryRun\` only counts. One audit event records the filter and the count; each changed change gets a step in its review history. ${PERIOD_TEXT}`,
    access: review,
    params: z.object({ id: ZId("workspace id") }),
    query: ZChangeFilter,
    body: ZBulkReviewBody,
    bodyName: "BulkReviewBody",
    response: ZBulkReviewResult,
    responseName: "BulkReviewResult",
    errors: [400, 404, 413, 422],
  }),
};
