-- CreateTable
CREATE TABLE "ChangeReviewCount" (
    "machineId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "reviewState" "ReviewState" NOT NULL,
    "attribution" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    CONSTRAINT "ChangeReviewCount_pkey" PRIMARY KEY ("machineId","hour","reviewState","attribution")
);

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_reviewState_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_attribution_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "attribution", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_machineId_reviewState_hour_count_idx" ON "ChangeReviewCount"("machineId", "reviewState", "hour", "count");

-- AddForeignKey
ALTER TABLE "ChangeReviewCount" ADD CONSTRAINT "ChangeReviewCount_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the counts of the records already collected.
INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
SELECT "machineId", "workspaceId", date_trunc('hour', "timeGenerated"), "reviewState", coalesce(CAST("attribution" AS TEXT), ''), count(*)
FROM "ChangeRecord"
GROUP BY "machineId", "workspaceId", date_trunc('hour', "timeGenerated"), "reviewState", coalesce(CAST("attribution" AS TEXT), '');
