-- ChangeRecord's primary and unique keys end in "timeGenerated", as on PostgreSQL, where the table is partitioned by
-- it; the review history names its change by ("changeId", "changeTime").
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChangeRecord" (
    "id" TEXT NOT NULL,
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
    "fileType" TEXT,
    "previousFileType" TEXT,
    "linkCount" INTEGER,
    "previousLinkCount" INTEGER,
    "linkTarget" TEXT,
    "previousLinkTarget" TEXT,
    "xattrs" TEXT,
    "previousXattrs" TEXT,
    "posixAcl" TEXT,
    "previousPosixAcl" TEXT,
    "capabilities" TEXT,
    "previousCapabilities" TEXT,
    "selinuxContext" TEXT,
    "previousSelinuxContext" TEXT,
    "attribution" TEXT,
    "packageName" TEXT,
    "packageVersion" TEXT,
    "packagePreviousVersion" TEXT,
    "packageUpdatedAt" DATETIME,
    "reviewState" TEXT NOT NULL DEFAULT 'Unreviewed',
    "reviewedAt" DATETIME,
    "reviewedById" TEXT,
    "reviewedByEmail" TEXT,
    "reviewComment" TEXT,
    "reviewRuleId" TEXT,
    "reviewRuleName" TEXT,

    PRIMARY KEY ("id", "timeGenerated"),
    CONSTRAINT "ChangeRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRecord_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRecord_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "TrackedEntity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChangeRecord" ("acls", "attributes", "attribution", "capabilities", "category", "changeType", "computer", "contentSha256", "dateCreated", "dateModified", "entityId", "fieldsChanged", "fileType", "hive", "id", "linkCount", "linkTarget", "machineId", "name", "packageName", "packagePreviousVersion", "packageUpdatedAt", "packageVersion", "posixAcl", "previousAcls", "previousAttributes", "previousCapabilities", "previousContentSha256", "previousDateCreated", "previousDateModified", "previousFileType", "previousLinkCount", "previousLinkTarget", "previousPosixAcl", "previousSelinuxContext", "previousSha256", "previousSize", "previousValueData", "previousValueType", "previousXattrs", "registryKey", "reviewComment", "reviewRuleId", "reviewRuleName", "reviewState", "reviewedAt", "reviewedByEmail", "reviewedById", "scanId", "selinuxContext", "seq", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcPreviousAccount", "svcPreviousPath", "svcPreviousStartupType", "svcPreviousState", "svcStartupType", "svcState", "target", "timeGenerated", "valueData", "valueName", "valueType", "workspaceId", "xattrs") SELECT "acls", "attributes", "attribution", "capabilities", "category", "changeType", "computer", "contentSha256", "dateCreated", "dateModified", "entityId", "fieldsChanged", "fileType", "hive", "id", "linkCount", "linkTarget", "machineId", "name", "packageName", "packagePreviousVersion", "packageUpdatedAt", "packageVersion", "posixAcl", "previousAcls", "previousAttributes", "previousCapabilities", "previousContentSha256", "previousDateCreated", "previousDateModified", "previousFileType", "previousLinkCount", "previousLinkTarget", "previousPosixAcl", "previousSelinuxContext", "previousSha256", "previousSize", "previousValueData", "previousValueType", "previousXattrs", "registryKey", "reviewComment", "reviewRuleId", "reviewRuleName", "reviewState", "reviewedAt", "reviewedByEmail", "reviewedById", "scanId", "selinuxContext", "seq", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcPreviousAccount", "svcPreviousPath", "svcPreviousStartupType", "svcPreviousState", "svcStartupType", "svcState", "target", "timeGenerated", "valueData", "valueName", "valueType", "workspaceId", "xattrs" FROM "ChangeRecord";
DROP TABLE "ChangeRecord";
ALTER TABLE "new_ChangeRecord" RENAME TO "ChangeRecord";
CREATE INDEX "ChangeRecord_workspaceId_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_changeType_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "changeType", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_category_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "category", "timeGenerated");
CREATE INDEX "ChangeRecord_machineId_timeGenerated_idx" ON "ChangeRecord"("machineId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_target_idx" ON "ChangeRecord"("workspaceId", "target");
CREATE INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "reviewState", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "attribution", "timeGenerated");
CREATE UNIQUE INDEX "ChangeRecord_scanId_seq_timeGenerated_key" ON "ChangeRecord"("scanId", "seq", "timeGenerated");
CREATE TABLE "new_ChangeReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "changeId" TEXT NOT NULL,
    "changeTime" DATETIME NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "previousState" TEXT NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "comment" TEXT,
    "bulkId" TEXT,
    CONSTRAINT "ChangeReview_changeId_changeTime_fkey" FOREIGN KEY ("changeId", "changeTime") REFERENCES "ChangeRecord" ("id", "timeGenerated") ON DELETE CASCADE ON UPDATE CASCADE
);
-- The review history's link to its change gains the change's time (the rest of the change's key).
INSERT INTO "new_ChangeReview" ("actorEmail", "actorId", "at", "bulkId", "changeId", "changeTime", "comment", "id", "previousState", "state", "workspaceId") SELECT r."actorEmail", r."actorId", r."at", r."bulkId", r."changeId", c."timeGenerated", r."comment", r."id", r."previousState", r."state", r."workspaceId" FROM "ChangeReview" r JOIN "ChangeRecord" c ON c."id" = r."changeId";
DROP TABLE "ChangeReview";
ALTER TABLE "new_ChangeReview" RENAME TO "ChangeReview";
CREATE INDEX "ChangeReview_changeId_at_idx" ON "ChangeReview"("changeId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
