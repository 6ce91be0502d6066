-- AlterTable
ALTER TABLE "InventoryItem" ADD COLUMN     "fingerprint" TEXT;
