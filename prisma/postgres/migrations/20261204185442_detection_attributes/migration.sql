-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN     "capabilities" TEXT,
ADD COLUMN     "fileType" TEXT,
ADD COLUMN     "linkCount" INTEGER,
ADD COLUMN     "linkTarget" TEXT,
ADD COLUMN     "posixAcl" TEXT,
ADD COLUMN     "previousCapabilities" TEXT,
ADD COLUMN     "previousFileType" TEXT,
ADD COLUMN     "previousLinkCount" INTEGER,
ADD COLUMN     "previousLinkTarget" TEXT,
ADD COLUMN     "previousPosixAcl" TEXT,
ADD COLUMN     "previousSelinuxContext" TEXT,
ADD COLUMN     "previousXattrs" TEXT,
ADD COLUMN     "selinuxContext" TEXT,
ADD COLUMN     "xattrs" TEXT;

-- AlterTable
ALTER TABLE "InventoryItem" ADD COLUMN     "capabilities" TEXT,
ADD COLUMN     "fileType" TEXT,
ADD COLUMN     "linkCount" INTEGER,
ADD COLUMN     "linkTarget" TEXT,
ADD COLUMN     "posixAcl" TEXT,
ADD COLUMN     "selinuxContext" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3),
ADD COLUMN     "xattrs" TEXT;

-- AlterTable
ALTER TABLE "Machine" ADD COLUMN     "lastFullVerificationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TrackedEntity" ADD COLUMN     "verifyEveryScan" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "verifyPeriodHours" INTEGER NOT NULL DEFAULT 24;
