import "server-only";
import type { TPeriodQuery } from "@/lib/contracts/period";
import type { TSummary } from "@/lib/contracts/summary";
import { bucketMs, bucketStarts } from "@/lib/domain/dashboard-period";
import type { Db } from "../db";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { countChanges } from "./counts";
import { resolve } from "./period";
import { countReviews } from "./review-summary";

/**
 * The number of changes the dashboard's header shows for a period (the default: the last 7 days): the one definition
 * of "Total changes", also in the workspace list.
 */
export async function totalChanges(db: Db, workspaceId: string, q: TPeriodQuery = {}, now = new Date()): Promise<number> {
  const { period, range } = resolve(q, now);
  const width = bucketMs(period);
  const { byType } = await countChanges(db, workspaceId, range, { starts: bucketStarts(range, width, now), width });
  return byType.Files + byType.Registry + byType.WindowsServices;
}

/** The dashboard header: machines connected, changes in the period by type and category, and over time. */
export async function getSummary(db: Db, user: TCurrentUser, workspaceId: string, q: TPeriodQuery, now = new Date()): Promise<TSummary> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const { period, range, view } = resolve(q, now);
  const width = bucketMs(period);
  const [machines, counts] = await Promise.all([
    db.machine.count({ where: { workspaceId } }),
    countChanges(db, workspaceId, range, { starts: bucketStarts(range, width, now), width }),
  ]);
  const { byType, byCategory, timeline } = counts;
  const reviews = await countReviews(db, workspaceId, range, byType.Files + byType.Registry + byType.WindowsServices);
  return {
    period: view,
    machines,
    totalChanges: byType.Files + byType.Registry + byType.WindowsServices,
    byType,
    byCategory,
    byReview: reviews.byReview,
    byAttribution: reviews.byAttribution,
    timeline: { bucketMs: width, buckets: timeline.map((b) => ({ ...b, start: new Date(b.start).toISOString() })) },
  };
}
