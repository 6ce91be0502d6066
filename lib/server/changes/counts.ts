import "server-only";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { CHANGE_CATEGORIES, CHANGE_TYPES, type ChangeCategory, type ChangeType } from "@/lib/domain/types";
import type { Db } from "../db";
import { join, num, raw, sql, timeFilter, type Sql } from "./sql";

// Change counts of one workspace in a period. Every count is an index range count: (workspaceId, changeType,
// timeGenerated) for each type and chart bucket, (workspaceId, category, timeGenerated) for each category. The
// buckets partition the range, so the type totals are the sums of their buckets and no row is read twice per index.

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

export async function countChanges(
  db: Db,
  workspaceId: string,
  range: TimeRange,
  buckets: { starts: readonly number[]; width: number },
): Promise<{ byType: TypeCounts; byCategory: CategoryCounts; timeline: Bucket[] }> {
  const parts = bucketRanges(range, buckets.starts, buckets.width);
  const arms: Sql[] = [];
  CHANGE_TYPES.forEach((type) =>
    parts.forEach((part, i) =>
      arms.push(sql`SELECT ${lit(type)} AS k, ${raw(String(i))} AS b, count(*) AS n FROM "ChangeRecord"
        WHERE "workspaceId" = ${workspaceId} AND "changeType" = ${lit(type)} AND ${timeFilter(part)}`),
    ),
  );
  for (const category of CHANGE_CATEGORIES) {
    arms.push(sql`SELECT ${lit(category)} AS k, -1 AS b, count(*) AS n FROM "ChangeRecord"
      WHERE "workspaceId" = ${workspaceId} AND "category" = ${lit(category)} AND ${timeFilter(range)}`);
  }
  const rows = await db.$queryRaw<{ k: string; b: unknown; n: unknown }[]>(join(arms, " UNION ALL "));

  const timeline: Bucket[] = buckets.starts.map((start) => ({ start, Files: 0, Registry: 0, WindowsServices: 0 }));
  const byType: TypeCounts = { Files: 0, Registry: 0, WindowsServices: 0 };
  const byCategory: CategoryCounts = { Added: 0, Modified: 0, Removed: 0 };
  for (const row of rows) {
    const n = num(row.n);
    const b = num(row.b);
    if (b < 0) byCategory[row.k as ChangeCategory] = n;
    else {
      timeline[b][row.k as ChangeType] = n;
      byType[row.k as ChangeType] += n;
    }
  }
  return { byType, byCategory, timeline };
}
