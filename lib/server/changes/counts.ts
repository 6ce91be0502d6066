import "server-only";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { CHANGE_CATEGORIES, CHANGE_TYPES, type ChangeCategory, type ChangeType } from "@/lib/domain/types";
import { databaseKind, type Db } from "../db";
import { before, HOUR_MS, splitByHours } from "./hourly";
import { join, num, raw, sql, timeFilter, type Sql } from "./sql";

// Change counts of one workspace in a period, in one statement. Whole hours come from WorkspaceChangeCount (the
// hourly counts commitScan keeps, summed over the workspace's machines by triggers): one covering index range per
// chart bucket, change type and category on (workspaceId, changeType, category, hour), so each hourly row is read once. The partial hours at the period's edges (a preset's first and
// current hour, a custom range's ends) and charts finer than an hour are counted in ChangeRecord: index range counts
// on (workspaceId, changeType, timeGenerated) and (workspaceId, category, timeGenerated). Counts stay exact.

export type TypeCounts = Record<ChangeType, number>;
export type CategoryCounts = Record<ChangeCategory, number>;
export type Bucket = TypeCounts & { start: number };

/** The sub-ranges of the chart buckets: the first starts where the range starts, the last ends where it ends. */
export function bucketRanges(range: TimeRange, starts: readonly number[], width: number): TimeRange[] {
  return starts.map((start, i) => {
    const first = i === 0;
    const last = i === starts.length - 1;
    return {
      from: first ? range.from : new Date(start),
      fromExclusive: first ? range.fromExclusive : false,
      // Presets have no upper bound (KQL's ago()): the last bucket takes everything after its start.
      to: last ? range.to : new Date(start + width - 1),
    };
  });
}

const lit = (v: string) => raw(`'${v}'`);

type Arm = Sql;
const CATEGORY_LIST = CHANGE_CATEGORIES.map((c) => `'${c}'`).join(", ");

/** Record counts of a sub-range: per type into bucket `b`, per category into the totals. */
function recordArms(workspaceId: string, part: TimeRange, b: number, withCategories: boolean): Arm[] {
  const arms = CHANGE_TYPES.map(
    (type) => sql`SELECT ${lit(type)} AS k, NULL AS c, ${raw(String(b))} AS b, count(*) AS n FROM "ChangeRecord"
      WHERE "workspaceId" = ${workspaceId} AND "changeType" = ${lit(type)} AND ${timeFilter(part)}`,
  );
  if (withCategories) {
    for (const category of CHANGE_CATEGORIES) {
      arms.push(sql`SELECT NULL AS k, ${lit(category)} AS c, -1 AS b, count(*) AS n FROM "ChangeRecord"
        WHERE "workspaceId" = ${workspaceId} AND "category" = ${lit(category)} AND ${timeFilter(part)}`);
    }
  }
  return arms;
}

export async function countChanges(
  db: Db,
  workspaceId: string,
  range: TimeRange,
  buckets: { starts: readonly number[]; width: number },
): Promise<{ byType: TypeCounts; byCategory: CategoryCounts; timeline: Bucket[] }> {
  const last = buckets.starts.length - 1;
  // Buckets of whole hours (aligned to multiples of their width since the epoch) never split an hour.
  const split = buckets.width % HOUR_MS === 0 ? splitByHours(range) : null;
  const arms: Arm[] = [];
  if (!split?.hours) {
    bucketRanges(range, buckets.starts, buckets.width).forEach((part, i) => arms.push(...recordArms(workspaceId, part, i, false)));
    for (const category of CHANGE_CATEGORIES) {
      arms.push(sql`SELECT NULL AS k, ${lit(category)} AS c, -1 AS b, count(*) AS n FROM "ChangeRecord"
        WHERE "workspaceId" = ${workspaceId} AND "category" = ${lit(category)} AND ${timeFilter(range)}`);
    }
  } else {
    const { head, hours, tail } = split;
    // The head lies in the first bucket and the tail in the last: bucket edges are hour edges.
    if (head) arms.push(...recordArms(workspaceId, head, 0, true));
    if (tail) arms.push(...recordArms(workspaceId, tail, last, true));
    const from = hours.from.getTime();
    const to = hours.to?.getTime() ?? Infinity;
    buckets.starts.forEach((start, i) => {
      const lo = Math.max(start, from);
      // Without an end, the last bucket takes every later hour.
      const hi = i === last && hours.to === null ? null : Math.min(start + buckets.width, to);
      if (hi !== null && lo >= hi) return;
      // The IN list makes one index range per category (SQLite's compound SELECT takes at most 500 arms).
      for (const type of CHANGE_TYPES) {
        arms.push(sql`SELECT ${lit(type)} AS k, CAST("category" AS TEXT) AS c, ${raw(String(i))} AS b, sum("count") AS n FROM "WorkspaceChangeCount"
          WHERE "workspaceId" = ${workspaceId} AND "changeType" = ${lit(type)} AND "category" IN (${raw(CATEGORY_LIST)})
          AND "hour" >= ${new Date(lo)} ${before(hi === null ? null : new Date(hi))} GROUP BY "category"`);
      }
    });
  }
  // PostgreSQL runs one statement on one core: a long one goes as two halves on two pooled connections, which
  // nearly halves a 30-day summary. SQLite has one connection, so one statement.
  const halves =
    databaseKind(db) === "postgres" && arms.length > 24 ? [arms.slice(0, arms.length >> 1), arms.slice(arms.length >> 1)] : [arms];
  const rows = (
    await Promise.all(
      halves.map((part) => db.$queryRaw<{ k: string | null; c: string | null; b: unknown; n: unknown }[]>(join(part, " UNION ALL "))),
    )
  ).flat();

  const timeline: Bucket[] = buckets.starts.map((start) => ({ start, Files: 0, Registry: 0, WindowsServices: 0 }));
  const byType: TypeCounts = { Files: 0, Registry: 0, WindowsServices: 0 };
  const byCategory: CategoryCounts = { Added: 0, Modified: 0, Removed: 0 };
  for (const row of rows) {
    const n = num(row.n);
    if (!n) continue;
    const b = num(row.b);
    if (row.k) {
      timeline[b][row.k as ChangeType] += n;
      byType[row.k as ChangeType] += n;
    }
    if (row.c) byCategory[row.c as ChangeCategory] += n;
  }
  return { byType, byCategory, timeline };
}
