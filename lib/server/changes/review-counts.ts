import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Dialect } from "./sql";
import { hourFloor, hourOfSql } from "./hourly";
import { join, raw, sql, type Sql } from "./sql";

// ChangeReviewCount: change records per machine, UTC hour, review state and attribution. commitScan adds a scan's
// records; a review moves the counts of the records it changes (before changing them, in the same transaction), so
// the table always equals a GROUP BY over ChangeRecord, and the dashboard's "needs a look" counts stay fast.

type Tx = Prisma.TransactionClient;
const lit = (v: string) => raw(`'${v}'`);
const UPSERT = raw(
  `ON CONFLICT ("machineId", "hour", "reviewState", "attribution") DO UPDATE SET "count" = "ChangeReviewCount"."count" + excluded."count"`,
);

/**
 * The statement that adds one scan's records (all at one instant) to their machine's hourly review counts, or null
 * when the scan recorded none.
 */
export function reviewCountsUpsert(
  machine: { id: string; workspaceId: string },
  at: Date,
  records: readonly { reviewState: string; attribution: string | null }[],
): Sql | null {
  if (!records.length) return null;
  const counts = new Map<string, number>();
  for (const r of records)
    counts.set(`${r.reviewState}|${r.attribution ?? ""}`, (counts.get(`${r.reviewState}|${r.attribution ?? ""}`) ?? 0) + 1);
  const hour = new Date(hourFloor(at.getTime()));
  const rows = [...counts].map(([key, n]) => {
    const [state, attribution] = key.split("|");
    return sql`(${machine.id}, ${machine.workspaceId}, ${hour}, ${lit(state)}, ${attribution}, ${n})`;
  });
  return sql`INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
    VALUES ${join(rows, ", ")} ${UPSERT}`;
}

const attributionText = (dialect: Dialect) =>
  dialect === "postgres" ? sql`coalesce(CAST("attribution" AS TEXT), '')` : sql`coalesce("attribution", '')`;

/** The counts of the records `where` matches, moved from their current state to `state`: call before the UPDATE. */
export async function moveReviewCounts(tx: Tx, dialect: Dialect, where: Sql, state: Sql) {
  const hour = hourOfSql(dialect);
  const attribution = attributionText(dialect);
  // SQLite needs a WHERE in an INSERT … SELECT … ON CONFLICT (there is one); both statements group the same rows.
  await tx.$executeRaw`INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
    SELECT "machineId", "workspaceId", ${hour}, "reviewState", ${attribution}, -count(*) FROM "ChangeRecord" WHERE ${where}
    GROUP BY "machineId", "workspaceId", ${hour}, "reviewState", ${attribution} ${UPSERT}`;
  await tx.$executeRaw`INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
    SELECT "machineId", "workspaceId", ${hour}, ${state}, ${attribution}, count(*) FROM "ChangeRecord" WHERE ${where}
    GROUP BY "machineId", "workspaceId", ${hour}, ${attribution} ${UPSERT}`;
}

/** Recomputes every review count from the records (rebuildChangeCounts calls it in its transaction). */
export async function rebuildReviewCounts(tx: Tx, dialect: Dialect) {
  const hour = hourOfSql(dialect);
  const attribution = attributionText(dialect);
  if (dialect === "postgres") await tx.$executeRaw`TRUNCATE "ChangeReviewCount", "WorkspaceReviewCount"`;
  else {
    await tx.$executeRaw`DELETE FROM "WorkspaceReviewCount"`;
    await tx.$executeRaw`DELETE FROM "ChangeReviewCount"`;
  }
  await tx.$executeRaw`INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
    SELECT "machineId", "workspaceId", ${hour}, "reviewState", ${attribution}, count(*) FROM "ChangeRecord"
    GROUP BY "machineId", "workspaceId", ${hour}, "reviewState", ${attribution}`;
}
