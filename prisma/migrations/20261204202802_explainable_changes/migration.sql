-- CreateTable
CREATE TABLE "ExpectedRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "attribution" TEXT,
    "pathPattern" TEXT,
    "machineIds" TEXT NOT NULL DEFAULT '',
    "category" TEXT,
    "changeType" TEXT,
    "window" TEXT NOT NULL DEFAULT 'NONE',
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "weekDays" TEXT NOT NULL DEFAULT '',
    "weekStartMinute" INTEGER,
    "weekEndMinute" INTEGER,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "ExpectedRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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

-- CreateTable
CREATE TABLE "ChangeReviewCount" (
    "machineId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "reviewState" TEXT NOT NULL,
    "attribution" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("machineId", "hour", "reviewState", "attribution"),
    CONSTRAINT "ChangeReviewCount_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    CONSTRAINT "ChangeRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRecord_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRecord_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "TrackedEntity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChangeRecord" ("acls", "attributes", "capabilities", "category", "changeType", "computer", "contentSha256", "dateCreated", "dateModified", "entityId", "fieldsChanged", "fileType", "hive", "id", "linkCount", "linkTarget", "machineId", "name", "posixAcl", "previousAcls", "previousAttributes", "previousCapabilities", "previousContentSha256", "previousDateCreated", "previousDateModified", "previousFileType", "previousLinkCount", "previousLinkTarget", "previousPosixAcl", "previousSelinuxContext", "previousSha256", "previousSize", "previousValueData", "previousValueType", "previousXattrs", "registryKey", "scanId", "selinuxContext", "seq", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcPreviousAccount", "svcPreviousPath", "svcPreviousStartupType", "svcPreviousState", "svcStartupType", "svcState", "target", "timeGenerated", "valueData", "valueName", "valueType", "workspaceId", "xattrs") SELECT "acls", "attributes", "capabilities", "category", "changeType", "computer", "contentSha256", "dateCreated", "dateModified", "entityId", "fieldsChanged", "fileType", "hive", "id", "linkCount", "linkTarget", "machineId", "name", "posixAcl", "previousAcls", "previousAttributes", "previousCapabilities", "previousContentSha256", "previousDateCreated", "previousDateModified", "previousFileType", "previousLinkCount", "previousLinkTarget", "previousPosixAcl", "previousSelinuxContext", "previousSha256", "previousSize", "previousValueData", "previousValueType", "previousXattrs", "registryKey", "scanId", "selinuxContext", "seq", "sha256", "size", "svcAccount", "svcDisplayName", "svcName", "svcPath", "svcPreviousAccount", "svcPreviousPath", "svcPreviousStartupType", "svcPreviousState", "svcStartupType", "svcState", "target", "timeGenerated", "valueData", "valueName", "valueType", "workspaceId", "xattrs" FROM "ChangeRecord";
DROP TABLE "ChangeRecord";
ALTER TABLE "new_ChangeRecord" RENAME TO "ChangeRecord";
CREATE INDEX "ChangeRecord_workspaceId_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_changeType_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "changeType", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_category_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "category", "timeGenerated");
CREATE INDEX "ChangeRecord_machineId_timeGenerated_idx" ON "ChangeRecord"("machineId", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_target_idx" ON "ChangeRecord"("workspaceId", "target");
CREATE INDEX "ChangeRecord_workspaceId_reviewState_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "reviewState", "timeGenerated");
CREATE INDEX "ChangeRecord_workspaceId_attribution_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "attribution", "timeGenerated");
CREATE UNIQUE INDEX "ChangeRecord_scanId_seq_key" ON "ChangeRecord"("scanId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ExpectedRule_workspaceId_idx" ON "ExpectedRule"("workspaceId");

-- CreateIndex
CREATE INDEX "ChangeReview_changeId_at_idx" ON "ChangeReview"("changeId", "at");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_reviewState_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_workspaceId_attribution_hour_count_idx" ON "ChangeReviewCount"("workspaceId", "attribution", "hour", "count");

-- CreateIndex
CREATE INDEX "ChangeReviewCount_machineId_reviewState_hour_count_idx" ON "ChangeReviewCount"("machineId", "reviewState", "hour", "count");

-- Every workspace starts with the default rule: package updates are expected.
INSERT INTO "ExpectedRule" ("id", "workspaceId", "name", "enabled", "attribution", "machineIds", "window", "weekDays", "isDefault", "createdAt", "updatedAt")
SELECT 'default-' || "id", "id", 'Package updates', 1, 'PackageUpdate', '', 'NONE', '', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM "Workspace";

-- Backfill: the counts of the records already collected (Prisma's ISO text timestamps, as in change_counts).
INSERT INTO "ChangeReviewCount" ("machineId", "workspaceId", "hour", "reviewState", "attribution", "count")
SELECT "machineId", "workspaceId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "timeGenerated"), "reviewState", coalesce("attribution", ''), count(*)
FROM "ChangeRecord"
GROUP BY "machineId", "workspaceId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "timeGenerated"), "reviewState", coalesce("attribution", '');
