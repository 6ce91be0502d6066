-- CreateTable
CREATE TABLE "ChangeReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "changeId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "previousState" TEXT NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "comment" TEXT,
    "bulkId" TEXT,
    CONSTRAINT "ChangeReview_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChangeRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "computer" TEXT NOT NULL,
    "timeGenerated" DATETIME NOT NULL,
    "changeType" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "fieldsChanged" TEXT NOT NULL DEFAULT '',
    "entityId" TEXT,
    "scanId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "size" BIGINT,
    "previousSize" BIGINT,
    "sha256" TEXT,
    "previousSha256" TEXT,
    "acls" TEXT,
    "previousAcls" TEXT,
    "attributes" TEXT,
    "previousAttributes" TEXT,
    "dateCreated" DATETIME,
    "previousDateCreated" DATETIME,
    "dateModified" DATETIME,
    "previousDateModified" DATETIME,
    "hive" TEXT,
    "registryKey" TEXT,
    "valueName" TEXT,
    "valueType" TEXT,
    "previousValueType" TEXT,
    "valueData" TEXT,
    "previousValueData" TEXT,
    "svcName" TEXT,
    "svcDisplayName" TEXT,
    "svcState" TEXT,
    "svcPreviousState" TEXT,
    "svcStartupType" TEXT,
    "svcPreviousStartupType" TEXT,
    "svcPath" TEXT,
    "svcPreviousPath" TEXT,
    "svcAccount" TEXT,
    "svcPreviousAccount" TEXT,
    "contentSha256" TEXT,
    "previousContentSha256" TEXT,
    "reviewState" TEXT NOT NULL DEFAULT 'Unreviewed',
    "reviewedAt" DATETIME,
    "reviewedById" TEXT,
    "reviewedByEmail" TEXT,
    "reviewComment" TEXT,
    CONSTRAINT "ChangeRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRecord_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRecord_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "TrackedEntity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChangeRecord" ("acls", "attributes", "category", "changeType", "computer", "contentSha256", "dateCreated", "dateModified", "entityId", "fieldsChanged", "hive", "id", "machineId", "name", "previousAcls", "previousAttributes", "previousContentSha256", "previousDateCreated", "previousDateModified", "previousSha256", "previousSize", "previousValueData", "previousValueType", "registryKey", "scanId", "seq", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcPreviousAccount", "svcPreviousPath", "svcPreviousStartupType", "svcPreviousState", "svcStartupType", "svcState", "target", "timeGenerated", "valueData", "valueName", "valueType", "workspaceId") SELECT "acls", "attributes", "category", "changeType", "computer", "contentSha256", "dateCreated", "dateModified", "entityId", "fieldsChanged", "hive", "id", "machineId", "name", "previousAcls", "previousAttributes", "previousContentSha256", "previousDateCreated", "previousDateModified", "previousSha256", "previousSize", "previousValueData", "previousValueType", "registryKey", "scanId", "seq", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcPreviousAccount", "svcPreviousPath", "svcPreviousStartupType", "svcPreviousState", "svcStartupType", "svcState", "target", "timeGenerated", "valueData", "valueName", "valueType", "workspaceId" FROM "ChangeRecord";
DROP TABLE "ChangeRecord";
ALTER TABLE "new_ChangeRecord" RENAME TO "ChangeRecord";
CREATE INDEX "ChangeRecord_workspaceId_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_changeType_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "changeType", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_category_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "category", "timeGenerated");
CREATE INDEX "ChangeRecord_machineId_timeGenerated_idx" ON "ChangeRecord"("machineId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_target_idx" ON "ChangeRecord"("workspaceId", "target");
CREATE INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "reviewState", "timeGenerated");
CREATE UNIQUE INDEX "ChangeRecord_scanId_seq_key" ON "ChangeRecord"("scanId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChangeReview_changeId_at_idx" ON "ChangeReview"("changeId", "at");
