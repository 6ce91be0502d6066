-- CreateTable
CREATE TABLE "ChangeReviewCount" (
    "machineId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "reviewState" TEXT NOT NULL,
    "attribution" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("machineId", "hour", "reviewState", "attribution"),
    CONSTRAINT "ChangeReviewCount_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_reviewState_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_attribution_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "attribution", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_machineId_reviewState_hour_count_idx" ON "ChangeReviewCount"("machineId", "reviewState", "hour", "count");

-- Backfill: the counts of the records already collected (Prisma's ISO text timestamps, as in change_counts).
INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
SELECT "machineId", "workspaceId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "timeGenerated"), "reviewState", coalesce("attribution", ''), count(*)
FROM "ChangeRecord"
GROUP BY "machineId", "workspaceId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "timeGenerated"), "reviewState", coalesce("attribution", '');
