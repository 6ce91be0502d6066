-- The inventory is keyed by (machine, change type, item key) and stored in that order (WITHOUT ROWID: the table is
-- the primary key's B-tree). A scan reads its machine's items and rewrites the few that moved: with a rowid table and
-- an id index, each of those was a page of its own in two B-trees, written to the WAL at every commit.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InventoryItem" (
    "machineId" TEXT NOT NULL,
    "changeType" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "entityId" TEXT,
    "size" BIGINT,
    "sha256" TEXT,
    "acls" TEXT,
    "attributes" TEXT,
    "inode" BIGINT,
    "dateCreated" DATETIME,
    "dateModified" DATETIME,
    "registryKey" TEXT,
    "valueName" TEXT,
    "valueType" TEXT,
    "valueData" TEXT,
    "svcName" TEXT,
    "svcDisplayName" TEXT,
    "svcState" TEXT,
    "svcStartupType" TEXT,
    "svcPath" TEXT,
    "svcAccount" TEXT,
    "contentSha256" TEXT,
    "fileType" TEXT,
    "linkCount" INTEGER,
    "linkTarget" TEXT,
    "xattrs" TEXT,
    "posixAcl" TEXT,
    "capabilities" TEXT,
    "selinuxContext" TEXT,
    "verifiedAt" DATETIME,
    "fingerprint" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("machineId", "changeType", "itemKey"),
    CONSTRAINT "InventoryItem_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_InventoryItem" ("acls", "attributes", "capabilities", "changeType", "contentSha256", "dateCreated", "dateModified", "entityId", "fileType", "fingerprint", "inode", "itemKey", "linkCount", "linkTarget", "machineId", "posixAcl", "registryKey", "selinuxContext", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcStartupType", "svcState", "updatedAt", "valueData", "valueName", "valueType", "verifiedAt", "xattrs") SELECT "acls", "attributes", "capabilities", "changeType", "contentSha256", "dateCreated", "dateModified", "entityId", "fileType", "fingerprint", "inode", "itemKey", "linkCount", "linkTarget", "machineId", "posixAcl", "registryKey", "selinuxContext", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcStartupType", "svcState", "updatedAt", "valueData", "valueName", "valueType", "verifiedAt", "xattrs" FROM "InventoryItem";
DROP TABLE "InventoryItem";
ALTER TABLE "new_InventoryItem" RENAME TO "InventoryItem";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
