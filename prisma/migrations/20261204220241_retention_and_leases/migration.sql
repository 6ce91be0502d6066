-- AlterTable
ALTER TABLE "Machine" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Machine" ADD COLUMN "leaseUntil" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL,
    "fimEnabled" BOOLEAN NOT NULL DEFAULT false,
    "fimEnabledAt" DATETIME,
    "fimEnabledById" TEXT,
    "fimDisabledAt" DATETIME,
    "fimDisabledById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "configVersion" INTEGER NOT NULL DEFAULT 0,
    "verifyPeriodHours" INTEGER NOT NULL DEFAULT 24,
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    CONSTRAINT "Workspace_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Workspace" ("configVersion", "createdAt", "fimDisabledAt", "fimDisabledById", "fimEnabled", "fimEnabledAt", "fimEnabledById", "id", "location", "name", "resourceGroup", "subscriptionId", "verifyPeriodHours") SELECT "configVersion", "createdAt", "fimDisabledAt", "fimDisabledById", "fimEnabled", "fimEnabledAt", "fimEnabledById", "id", "location", "name", "resourceGroup", "subscriptionId", "verifyPeriodHours" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_subscriptionId_name_key" ON "Workspace"("subscriptionId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
