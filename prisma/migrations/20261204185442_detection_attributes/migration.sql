-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN "capabilities" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "fileType" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "linkCount" INTEGER;
ALTER TABLE "ChangeRecord" ADD COLUMN "linkTarget" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "posixAcl" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousCapabilities" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousFileType" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousLinkCount" INTEGER;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousLinkTarget" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousPosixAcl" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousSelinuxContext" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "previousXattrs" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "selinuxContext" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "xattrs" TEXT;

-- AlterTable
ALTER TABLE "InventoryItem" ADD COLUMN "capabilities" TEXT;
ALTER TABLE "InventoryItem" ADD COLUMN "fileType" TEXT;
ALTER TABLE "InventoryItem" ADD COLUMN "linkCount" INTEGER;
ALTER TABLE "InventoryItem" ADD COLUMN "linkTarget" TEXT;
ALTER TABLE "InventoryItem" ADD COLUMN "posixAcl" TEXT;
ALTER TABLE "InventoryItem" ADD COLUMN "selinuxContext" TEXT;
ALTER TABLE "InventoryItem" ADD COLUMN "verifiedAt" DATETIME;
ALTER TABLE "InventoryItem" ADD COLUMN "xattrs" TEXT;

-- AlterTable
ALTER TABLE "Machine" ADD COLUMN "lastFullVerificationAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrackedEntity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "itemName" TEXT NOT NULL,
    "group" TEXT NOT NULL DEFAULT 'Custom',
    "path" TEXT NOT NULL,
    "pathType" TEXT,
    "recursion" BOOLEAN NOT NULL DEFAULT false,
    "useSudo" BOOLEAN NOT NULL DEFAULT false,
    "links" TEXT,
    "uploadContent" BOOLEAN NOT NULL DEFAULT false,
    "valueName" TEXT NOT NULL DEFAULT '',
    "frequencySec" INTEGER,
    "verifyEveryScan" BOOLEAN NOT NULL DEFAULT false,
    "recommended" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "TrackedEntity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TrackedEntity" ("createdAt", "enabled", "frequencySec", "group", "id", "itemName", "kind", "links", "path", "pathType", "recommended", "recursion", "updatedAt", "updatedById", "uploadContent", "useSudo", "valueName", "workspaceId") SELECT "createdAt", "enabled", "frequencySec", "group", "id", "itemName", "kind", "links", "path", "pathType", "recommended", "recursion", "updatedAt", "updatedById", "uploadContent", "useSudo", "valueName", "workspaceId" FROM "TrackedEntity";
DROP TABLE "TrackedEntity";
ALTER TABLE "new_TrackedEntity" RENAME TO "TrackedEntity";
CREATE INDEX "TrackedEntity_workspaceId_kind_idx" ON "TrackedEntity"("workspaceId", "kind");
CREATE UNIQUE INDEX "TrackedEntity_workspaceId_kind_path_valueName_key" ON "TrackedEntity"("workspaceId", "kind", "path", "valueName");
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
    CONSTRAINT "Workspace_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Workspace" ("configVersion", "createdAt", "fimDisabledAt", "fimDisabledById", "fimEnabled", "fimEnabledAt", "fimEnabledById", "id", "location", "name", "resourceGroup", "subscriptionId") SELECT "configVersion", "createdAt", "fimDisabledAt", "fimDisabledById", "fimEnabled", "fimEnabledAt", "fimEnabledById", "id", "location", "name", "resourceGroup", "subscriptionId" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_subscriptionId_name_key" ON "Workspace"("subscriptionId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
