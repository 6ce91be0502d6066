-- AlterTable
ALTER TABLE "Destination" ADD COLUMN     "deliveryOwner" TEXT,
ADD COLUMN     "deliveryUntil" TIMESTAMP(3);
