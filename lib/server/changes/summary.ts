import "server-only";
import type { TPeriodQuery } from "@/lib/contracts/period";
import type { TSummary } from "@/lib/contracts/summary";
import { bucketMs, bucketStarts } from "@/lib/domain/dashboard-period";
import type { Db } from "../db";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { countChanges } from "./counts";
import { resolve } from "./period";
import { countReviews, withUnreviewed } from "./review-summary";

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
  const { period, range, view } = resolve(q, now);
  const width = bucketMs(period);
  // Every statement at once (on PostgreSQL each on its own connection of the pool): under load each one waits its
  // turn for a core, and one after the other they waited in turn. The role is checked with them, and nothing is
  // answered unless it allows (the route checked it already; this is the service's own check).
  const [, machines, counts, reviews] = await Promise.all([
    authorizeWorkspace(db, user, workspaceId, "workspace.read"),
    db.machine.count({ where: { workspaceId } }),
    countChanges(db, workspaceId, range, { starts: bucketStarts(range, width, now), width }),
    countReviews(db, workspaceId, range),
  ]);
  const { byType, byCategory, timeline } = counts;
  const totalChanges = byType.Files + byType.Registry + byType.WindowsServices;
  return {
    period: view,
    machines,
    totalChanges,
    byType,
    byCategory,
    byReview: withUnreviewed(reviews.byReview, totalChanges),
    byAttribution: reviews.byAttribution,
    timeline: { bucketMs: width, buckets: timeline.map((b) => ({ ...b, start: new Date(b.start).toISOString() })) },
  };
}
