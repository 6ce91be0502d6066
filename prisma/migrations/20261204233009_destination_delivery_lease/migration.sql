-- AlterTable
ALTER TABLE "Destination" ADD COLUMN "deliveryOwner" TEXT;
ALTER TABLE "Destination" ADD COLUMN "deliveryUntil" DATETIME;
