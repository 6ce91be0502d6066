-- ChangeRecord becomes a table partitioned by month of "timeGenerated", so that a month past every workspace's
-- retention leaves as a partition (lib/server/retention/partitions.ts), not as a million deletes. A partitioned
-- table's primary and unique keys must hold its partition key: they end in "timeGenerated", and the review history
-- names its change by ("changeId", "changeTime"). Written by hand: Prisma's schema cannot state partitions, and
-- `prisma migrate diff` compares the columns, keys, indexes and foreign keys, which are what it would write.

-- The review history's link to its change gains the change's time.
ALTER TABLE "ChangeReview" DROP CONSTRAINT "ChangeReview_changeId_fkey";
ALTER TABLE "ChangeReview" ADD COLUMN "changeTime" TIMESTAMP(3);
UPDATE "ChangeReview" r SET "changeTime" = c."timeGenerated" FROM "ChangeRecord" c WHERE c."id" = r."changeId";
ALTER TABLE "ChangeReview" ALTER COLUMN "changeTime" SET NOT NULL;

-- The records move to a partitioned table of the same columns; the old table's index names are freed first.
ALTER TABLE "ChangeRecord" RENAME TO "ChangeRecord_unpartitioned";
ALTER TABLE "ChangeRecord_unpartitioned" DROP CONSTRAINT "ChangeRecord_pkey";
DROP INDEX "ChangeRecord_workspaceId_timeGenerated_idx";
DROP INDEX "ChangeRecord_workspaceId_changeType_timeGenerated_idx";
DROP INDEX "ChangeRecord_workspaceId_category_timeGenerated_idx";
DROP INDEX "ChangeRecord_machineId_timeGenerated_idx";
DROP INDEX "ChangeRecord_workspaceId_target_idx";
DROP INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx";
DROP INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx";
DROP INDEX "ChangeRecord_scanId_seq_key";

CREATE TABLE "ChangeRecord" (LIKE "ChangeRecord_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("timeGenerated");

-- Records of no monthly partition (older than the first, or months ahead of the last) land here; the worker creates
-- each month's partition ahead of time (ensureChangePartitions).
CREATE TABLE "ChangeRecord_default" PARTITION OF "ChangeRecord" DEFAULT;

-- A partition per month from the oldest record (at most 25 months back; at least last month, for the demo's month of
-- history on a new database) to two months ahead.
DO $$
DECLARE
  first_month timestamp := date_trunc('month', GREATEST(
    LEAST(
      COALESCE((SELECT MIN("timeGenerated") FROM "ChangeRecord_unpartitioned"), now() AT TIME ZONE 'UTC'),
      (now() AT TIME ZONE 'UTC') - interval '1 month'),
    (now() AT TIME ZONE 'UTC') - interval '25 months'));
  last_month timestamp := date_trunc('month', (now() AT TIME ZONE 'UTC') + interval '2 months');
  m timestamp;
BEGIN
  m := first_month;
  WHILE m <= last_month LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "ChangeRecord" FOR VALUES FROM (%L) TO (%L)',
      'ChangeRecord_p' || to_char(m, 'YYYYMM'), m, m + interval '1 month');
    m := m + interval '1 month';
  END LOOP;
END $$;

INSERT INTO "ChangeRecord" SELECT * FROM "ChangeRecord_unpartitioned";
DROP TABLE "ChangeRecord_unpartitioned";

ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("id", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_changeType_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "changeType", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_category_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "category", "timeGenerated");
CREATE INDEX "ChangeRecord_machineId_timeGenerated_idx" ON "ChangeRecord"("machineId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_target_idx" ON "ChangeRecord"("workspaceId", "target");
CREATE INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "reviewState", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "attribution", "timeGenerated");
CREATE UNIQUE INDEX "ChangeRecord_scanId_seq_timeGenerated_key" ON "ChangeRecord"("scanId", "seq", "timeGenerated");
ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "TrackedEntity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "ChangeReview" ADD CONSTRAINT "ChangeReview_changeId_changeTime_fkey" FOREIGN KEY ("changeId", "changeTime") REFERENCES "ChangeRecord"("id", "timeGenerated") ON DELETE CASCADE ON UPDATE CASCADE;
