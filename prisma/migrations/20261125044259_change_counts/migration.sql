-- CreateTable
CREATE TABLE "ChangeCount" (
    "machineId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "changeType" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("machineId", "changeType", "hour", "category"),
    CONSTRAINT "ChangeCount_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ChangeCount_workspaceId_changeType_category_hour_count_idx" ON "ChangeCount"("workspaceId", "changeType", "category", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeCount_machineId_changeType_hour_count_idx" ON "ChangeCount"("machineId", "changeType", "hour", "count");

-- Backfill: the counts of the records already collected. Timestamps are Prisma's ISO text ("…T04:12:34.567+00:00"),
-- so an hour start is the same text with minutes, seconds and milliseconds zeroed.
INSERT INTO "ChangeCount" ("machineId", "workspaceId", "hour", "changeType", "category", "count")
SELECT "machineId", "workspaceId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "timeGenerated"), "changeType", "category", count(*)
FROM "ChangeRecord"
GROUP BY "machineId", "workspaceId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "timeGenerated"), "changeType", "category";
