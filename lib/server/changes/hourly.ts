import "server-only";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import type { ChangeCategory, ChangeType } from "@/lib/domain/types";
import type { Db } from "../db";
import { rebuildReviewCounts } from "./review-counts";
import { empty, join, raw, sql, type Dialect, type Sql } from "./sql";

// ChangeCount: change records per machine, UTC hour, type and category. commitScan adds to it in the transaction
// that writes the records, so it always equals a GROUP BY over ChangeRecord; the dashboard reads whole hours here
// and the partial hours at a period's edges from ChangeRecord, so its counts stay exact.

export const HOUR_MS = 3_600_000;

export const hourFloor = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const hourCeil = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

const lit = (v: string) => raw(`'${v}'`);

/**
 * The statement that adds one scan's records (all of one type, at one instant) to their machine's hourly counts, or
 * null when the scan recorded none.
 */
export function changeCountsUpsert(
  machine: { id: string; workspaceId: string },
  changeType: ChangeType,
  at: Date,
  categories: readonly ChangeCategory[],
): Sql | null {
  if (!categories.length) return null;
  const counts = new Map<ChangeCategory, number>();
  for (const c of categories) counts.set(c, (counts.get(c) ?? 0) + 1);
  const hour = new Date(hourFloor(at.getTime()));
  const rows = [...counts].map(
    ([category, n]) => sql`(${machine.id}, ${machine.workspaceId}, ${hour}, ${lit(changeType)}, ${lit(category)}, ${n})`,
  );
  return sql`INSERT INTO "ChangeCount" ("machineId", "workspaceId", "hour", "changeType", "category", "count")
    VALUES ${join(rows, ", ")}
    ON CONFLICT ("machineId", "changeType", "hour", "category") DO UPDATE SET "count" = "ChangeCount"."count" + excluded."count"`;
}

/** The UTC hour a record's timeGenerated falls in, in SQL (SQLite keeps Prisma's ISO text, "…+00:00"). */
export function hourOfSql(dialect: Dialect, column: Sql = raw(`"timeGenerated"`)): Sql {
  return dialect === "postgres" ? sql`date_trunc('hour', ${column})` : sql`strftime('%Y-%m-%dT%H:00:00.000+00:00', ${column})`;
}

/**
 * Recomputes every count from the records (what the migration's backfill does): for maintenance that rewrites
 * records outside commitScan, such as the benchmark moving its history to the present.
 */
export async function rebuildChangeCounts(db: Db, dialect: Dialect) {
  await db.$transaction(
    async (tx) => {
      // TRUNCATE gives PostgreSQL fresh storage (a DELETE would leave the table and its indexes twice their size). It
      // fires no row trigger, so the workspace sums go with it; the inserts below refill them through the triggers.
      if (dialect === "postgres") await tx.$executeRaw`TRUNCATE "ChangeCount", "WorkspaceChangeCount"`;
      else {
        await tx.$executeRaw`DELETE FROM "WorkspaceChangeCount"`;
        await tx.$executeRaw`DELETE FROM "ChangeCount"`;
      }
      await tx.$executeRaw`INSERT INTO "ChangeCount" ("machineId", "workspaceId", "hour", "changeType", "category", "count")
        SELECT "machineId", "workspaceId", ${hourOfSql(dialect)}, "changeType", "category", count(*)
        FROM "ChangeRecord" GROUP BY "machineId", "workspaceId", ${hourOfSql(dialect)}, "changeType", "category"`;
      await rebuildReviewCounts(tx, dialect);
    },
    // A million records take several seconds to group.
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/**
 * A period split where hour boundaries fall: the whole hours inside it ([from, to) of hour starts, read from
 * ChangeCount) and the partial edges before and after them (read from ChangeRecord). `hours` is null when the
 * period holds no whole hour; the edges are null when empty. A preset has no end (`to` null): every hour from the
 * first whole one on is read from the counts, the current one included, since the counts are kept in the scans' own
 * transactions; so a period never reads the current hour's records, however many a busy hour holds.
 */
export type HourSplit = { head: TimeRange | null; hours: { from: Date; to: Date | null } | null; tail: TimeRange | null };

/** The upper bound of whole hours' counts: `AND "hour" < to`, nothing for a preset's open end. */
export const before = (to: Date | null, column: Sql = raw(`"hour"`)): Sql => (to ? sql`AND ${column} < ${to}` : empty);

export function splitByHours(range: TimeRange): HourSplit {
  const from = range.from.getTime();
  // The first whole hour starts at or after the range's start (after it when the start is exclusive).
  const first = range.fromExclusive ? hourFloor(from) + HOUR_MS : hourCeil(from);
  const head = (to: number): TimeRange | null =>
    first === from && !range.fromExclusive ? null : { from: range.from, fromExclusive: range.fromExclusive, to: new Date(to) };
  // A preset: the whole hours run on with no end (later records, clock skew, go with the current hour).
  if (!range.to) return { head: head(first - 1), hours: { from: new Date(first), to: null }, tail: null };
  // The last whole hour ends by the range's end: a custom end is inclusive, so [h, h + 1h) fits when h + 1h - 1 ms
  // ≤ to.
  const end = hourFloor(range.to.getTime() + 1);
  if (end <= first) return { head: range, hours: null, tail: null };
  return {
    head: head(first - 1),
    hours: { from: new Date(first), to: new Date(end) },
    tail: range.to.getTime() < end ? null : { from: new Date(end), fromExclusive: false, to: range.to },
  };
}
