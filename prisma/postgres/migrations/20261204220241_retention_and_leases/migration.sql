-- AlterTable
ALTER TABLE "Machine" ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 90;
