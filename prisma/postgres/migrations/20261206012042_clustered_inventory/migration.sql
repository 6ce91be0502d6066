-- DropIndex
DROP INDEX "InventoryItem_machineId_changeType_itemKey_key";

-- AlterTable
ALTER TABLE "InventoryItem" DROP CONSTRAINT "InventoryItem_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "InventoryItem_pkey" PRIMARY KEY ("machineId", "changeType", "itemKey");
