-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('Unreviewed', 'Expected', 'Suspicious');

-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN     "reviewComment" TEXT,
ADD COLUMN     "reviewState" "ReviewState" NOT NULL DEFAULT 'Unreviewed',
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedByEmail" TEXT,
ADD COLUMN     "reviewedById" TEXT;

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

-- CreateIndex
CREATE INDEX "ChangeReview_changeId_at_idx" ON "ChangeReview"("changeId", "at");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "reviewState", "timeGenerated");

-- AddForeignKey
ALTER TABLE "ChangeReview" ADD CONSTRAINT "ChangeReview_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;
