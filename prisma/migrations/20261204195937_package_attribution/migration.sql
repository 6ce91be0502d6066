-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN "attribution" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "packageName" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "packagePreviousVersion" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "packageUpdatedAt" DATETIME;
ALTER TABLE "ChangeRecord" ADD COLUMN "packageVersion" TEXT;

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "attribution", "timeGenerated");
