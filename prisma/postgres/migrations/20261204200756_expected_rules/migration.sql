-- CreateEnum
CREATE TYPE "RuleWindow" AS ENUM ('NONE', 'ONCE', 'WEEKLY');

-- AlterTable
ALTER TABLE "ChangeRecord" ADD COLUMN     "reviewRuleId" TEXT,
ADD COLUMN     "reviewRuleName" TEXT;

-- CreateTable
CREATE TABLE "ExpectedRule" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "attribution" "Attribution",
    "pathPattern" TEXT,
    "machineIds" TEXT NOT NULL DEFAULT '',
    "category" "ChangeCategory",
    "changeType" "ChangeType",
    "window" "RuleWindow" NOT NULL DEFAULT 'NONE',
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "weekDays" TEXT NOT NULL DEFAULT '',
    "weekStartMinute" INTEGER,
    "weekEndMinute" INTEGER,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ExpectedRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExpectedRule_workspaceId_idx" ON "ExpectedRule"("workspaceId");

-- AddForeignKey
ALTER TABLE "ExpectedRule" ADD CONSTRAINT "ExpectedRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every workspace starts with the default rule: package updates are expected.
INSERT INTO "ExpectedRule" ("id", "workspaceId", "name", "enabled", "attribution", "machineIds", "window", "weekDays", "isDefault", "createdAt", "updatedAt")
SELECT 'default-' || "id", "id", 'Package updates', true, 'PackageUpdate'::"Attribution", '', 'NONE'::"RuleWindow", '', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Workspace";
