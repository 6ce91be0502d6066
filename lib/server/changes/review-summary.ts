import "server-only";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { ATTRIBUTIONS, type Attribution } from "@/lib/domain/packages";
import { REVIEW_STATES, type ReviewState } from "@/lib/domain/types";
import type { Db } from "../db";
import { before, splitByHours } from "./hourly";
import { join, num, raw, sql, timeFilter, type Sql } from "./sql";

// What needs a look: a period's changes by review state and by attribution, in one statement. Whole hours come from
// WorkspaceReviewCount (ChangeReviewCount summed over the workspace's machines by triggers; a covering index range per state on (workspaceId, reviewState, hour) and per attribution on
// (workspaceId, attribution, hour)); the partial hours at the period's edges from ChangeRecord, on its
// (workspaceId, reviewState|attribution, timeGenerated) indexes. Counts stay exact.

export type ReviewCounts = Record<ReviewState, number>;
export type AttributionCounts = Record<Attribution, number>;

const lit = (v: string) => raw(`'${v}'`);

/**
 * The period's reviewed changes by state, and its changes by attribution. Unreviewed is left at 0: it is what the
 * other two states leave of the period's change count (withUnreviewed), so the hourly rows of the usually largest
 * state are not read twice, and this statement need not wait for that count.
 */
export async function countReviews(
  db: Db,
  workspaceId: string,
  range: TimeRange,
): Promise<{ byReview: ReviewCounts; byAttribution: AttributionCounts }> {
  const { head, hours, tail } = splitByHours(range);
  const arms: Sql[] = [];
  const groups = [
    ["r", "reviewState", REVIEW_STATES.filter((r) => r !== "Unreviewed")],
    ["a", "attribution", ATTRIBUTIONS],
  ] as const;
  // An arm per group and source, its IN list one index range per state or attribution: a statement of few arms is
  // cheap to plan (PostgreSQL plans every statement it is sent).
  for (const [g, column, values] of groups) {
    const col = raw(`"${column}"`);
    const these = sql`"workspaceId" = ${workspaceId} AND ${col} IN (${raw(values.map((v) => `'${v}'`).join(", "))})`;
    if (hours)
      arms.push(sql`SELECT ${lit(g)} AS g, CAST(${col} AS TEXT) AS k, sum("count") AS n FROM "WorkspaceReviewCount"
        WHERE ${these} AND "hour" >= ${hours.from} ${before(hours.to)} GROUP BY ${col}`);
    for (const edge of [head, tail])
      if (edge)
        arms.push(sql`SELECT ${lit(g)} AS g, CAST(${col} AS TEXT) AS k, count(*) AS n FROM "ChangeRecord"
          WHERE ${these} AND ${timeFilter(edge)} GROUP BY ${col}`);
  }
  const rows = await db.$queryRaw<{ g: string; k: string; n: unknown }[]>(join(arms, " UNION ALL "));
  const byReview: ReviewCounts = { Unreviewed: 0, Expected: 0, Suspicious: 0 };
  const byAttribution: AttributionCounts = { PackageUpdate: 0, DiffersFromPackage: 0, NoPackage: 0 };
  for (const r of rows) {
    if (r.g === "r") byReview[r.k as ReviewState] += num(r.n);
    else byAttribution[r.k as Attribution] += num(r.n);
  }
  return { byReview, byAttribution };
}

/** The counts by review state with Unreviewed: what Expected and Suspicious leave of the period's `total` changes. */
export const withUnreviewed = (byReview: ReviewCounts, total: number): ReviewCounts => ({
  ...byReview,
  Unreviewed: Math.max(0, total - byReview.Expected - byReview.Suspicious),
});

/** Unreviewed changes per machine in the period, for the Servers tab's page of machines. */
export async function unreviewedByMachine(
  db: Db,
  workspaceId: string,
  range: TimeRange,
  machineIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!machineIds.length) return out;
  const { head, hours, tail } = splitByHours(range);
  const parts: Sql[] = [];
  if (hours)
    parts.push(sql`SELECT "machineId" AS m, sum("count") AS n FROM "ChangeReviewCount" WHERE "machineId" IN (${join([...machineIds])})
      AND "reviewState" = 'Unreviewed' AND "hour" >= ${hours.from} ${before(hours.to)} GROUP BY "machineId"`);
  for (const edge of [head, tail])
    if (edge)
      parts.push(sql`SELECT "machineId" AS m, count(*) AS n FROM "ChangeRecord" WHERE "workspaceId" = ${workspaceId}
        AND "machineId" IN (${join([...machineIds])}) AND "reviewState" = 'Unreviewed' AND ${timeFilter(edge)} GROUP BY "machineId"`);
  if (!parts.length) return out;
  for (const r of await db.$queryRaw<{ m: string; n: unknown }[]>(join(parts, " UNION ALL "))) out.set(r.m, (out.get(r.m) ?? 0) + num(r.n));
  return out;
}
