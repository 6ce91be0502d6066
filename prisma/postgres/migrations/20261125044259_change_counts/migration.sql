-- CreateTable
CREATE TABLE "ChangeCount" (
    "machineId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "changeType" "ChangeType" NOT NULL,
    "category" "ChangeCategory" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ChangeCount_pkey" PRIMARY KEY ("machineId","changeType","hour","category")
);

-- CreateIndex
CREATE INDEX "ChangeCount_workspaceId_changeType_category_hour_count_idx" ON "ChangeCount"("workspaceId", "changeType", "category", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeCount_machineId_changeType_hour_count_idx" ON "ChangeCount"("machineId", "changeType", "hour", "count");

-- AddForeignKey
ALTER TABLE "ChangeCount" ADD CONSTRAINT "ChangeCount_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the counts of the records already collected.
INSERT INTO "ChangeCount" ("machineId", "workspaceId", "hour", "changeType", "category", "count")
SELECT "machineId", "workspaceId", date_trunc('hour', "timeGenerated"), "changeType", "category", count(*)
FROM "ChangeRecord"
GROUP BY "machineId", "workspaceId", date_trunc('hour', "timeGenerated"), "changeType", "category";
