-- CreateEnum
CREATE TYPE "Attribution" AS ENUM ('PackageUpdate', 'DiffersFromPackage', 'NoPackage');

-- CreateEnum
CREATE TYPE "RuleWindow" AS ENUM ('NONE', 'ONCE', 'WEEKLY');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('Unreviewed', 'Expected', 'Suspicious');

-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN     "attribution" "Attribution",
ADD COLUMN     "packageName" TEXT,
ADD COLUMN     "packagePreviousVersion" TEXT,
ADD COLUMN     "packageUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "packageVersion" TEXT,
ADD COLUMN     "reviewComment" TEXT,
ADD COLUMN     "reviewRuleId" TEXT,
ADD COLUMN     "reviewRuleName" TEXT,
ADD COLUMN     "reviewState" "ReviewState" NOT NULL DEFAULT 'Unreviewed',
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedByEmail" TEXT,
ADD COLUMN     "reviewedById" TEXT;

-- CreateTable
CREATE TABLE "ExpectedRule" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "attribution" "Attribution",
    "pathPattern" TEXT,
    "machineIds" TEXT NOT NULL DEFAULT '',
    "category" "ChangeCategory",
    "changeType" "ChangeType",
    "window" "RuleWindow" NOT NULL DEFAULT 'NONE',
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "weekDays" TEXT NOT NULL DEFAULT '',
    "weekStartMinute" INTEGER,
    "weekEndMinute" INTEGER,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ExpectedRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeReview" (
    "id" SERIAL NOT NULL,
    "changeId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "state" "ReviewState" NOT NULL,
    "previousState" "ReviewState" NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "comment" TEXT,
    "bulkId" TEXT,

    CONSTRAINT "ChangeReview_pkey" PRIMARY KEY ("id")
);

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
CREATE INDEX "ExpectedRule_workspaceId_idx" ON "ExpectedRule"("workspaceId");

-- CreateIndex
CREATE INDEX "ChangeReview_changeId_at_idx" ON "ChangeReview"("changeId", "at");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_reviewState_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_attribution_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "attribution", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_machineId_reviewState_hour_count_idx" ON "ChangeReviewCount"("machineId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "reviewState", "timeGenerated");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "attribution", "timeGenerated");

-- AddForeignKey
ALTER TABLE "ExpectedRule" ADD CONSTRAINT "ExpectedRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeReview" ADD CONSTRAINT "ChangeReview_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeReviewCount" ADD CONSTRAINT "ChangeReviewCount_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every workspace starts with the default rule: package updates are expected.
INSERT INTO "ExpectedRule" ("id", "workspaceId", "name", "enabled", "attribution", "machineIds", "window", "weekDays", "isDefault", "createdAt", "updatedAt")
SELECT 'default-' || "id", "id", 'Package updates', true, 'PackageUpdate'::"Attribution", '', 'NONE'::"RuleWindow", '', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Workspace";

-- Backfill: the counts of the records already collected.
INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
SELECT "machineId", "workspaceId", date_trunc('hour', "timeGenerated"), "reviewState", coalesce(CAST("attribution" AS TEXT), ''), count(*)
FROM "ChangeRecord"
GROUP BY "machineId", "workspaceId", date_trunc('hour', "timeGenerated"), "reviewState", coalesce(CAST("attribution" AS TEXT), '');
