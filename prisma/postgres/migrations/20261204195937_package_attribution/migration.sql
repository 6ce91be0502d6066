-- CreateEnum
CREATE TYPE "Attribution" AS ENUM ('PackageUpdate', 'DiffersFromPackage', 'NoPackage');

-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN     "attribution" "Attribution",
ADD COLUMN     "packageName" TEXT,
ADD COLUMN     "packagePreviousVersion" TEXT,
ADD COLUMN     "packageUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "packageVersion" TEXT;

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "attribution", "timeGenerated");
