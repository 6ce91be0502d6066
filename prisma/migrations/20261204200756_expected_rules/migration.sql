-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN "reviewRuleId" TEXT;
ALTER TABLE "ChangeRecord" ADD COLUMN "reviewRuleName" TEXT;

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

-- CreateIndex
CREATE INDEX "ExpectedRule_workspaceId_idx" ON "ExpectedRule"("workspaceId");

-- Every workspace starts with the default rule: package updates are expected.
INSERT INTO "ExpectedRule" ("id", "workspaceId", "name", "enabled", "attribution", "machineIds", "window", "weekDays", "isDefault", "createdAt", "updatedAt")
SELECT 'default-' || "id", "id", 'Package updates', 1, 'PackageUpdate', '', 'NONE', '', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM "Workspace";
