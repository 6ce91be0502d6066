-- AlterTable
ALTER TABLE "EntityCollectionState" ADD COLUMN "lastScanId" TEXT;
