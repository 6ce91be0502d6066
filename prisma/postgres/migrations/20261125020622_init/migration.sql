-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'DEFENDER_SERVERS_P2');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'CONTRIBUTOR', 'READER');

-- CreateEnum
CREATE TYPE "OsFamily" AS ENUM ('WINDOWS', 'LINUX');

-- CreateEnum
CREATE TYPE "MachineSource" AS ENUM ('AZURE_VM', 'AZURE_ARC', 'AWS', 'LOCAL');

-- CreateEnum
CREATE TYPE "CollectionStatus" AS ENUM ('PENDING', 'HEALTHY', 'WARNING', 'ERROR');

-- CreateEnum
CREATE TYPE "AgentKind" AS ENUM ('SIMULATED', 'LOCAL', 'REMOTE');

-- CreateEnum
CREATE TYPE "EntityKind" AS ENUM ('WINDOWS_REGISTRY', 'WINDOWS_FILE', 'LINUX_FILE', 'FILE_CONTENT', 'WINDOWS_SERVICE');

-- CreateEnum
CREATE TYPE "PathType" AS ENUM ('FILE', 'FOLDER', 'DIRECTORY');

-- CreateEnum
CREATE TYPE "LinksMode" AS ENUM ('IGNORE', 'FOLLOW', 'MANAGE');

-- CreateEnum
CREATE TYPE "ChangeType" AS ENUM ('Files', 'Registry', 'WindowsServices');

-- CreateEnum
CREATE TYPE "ChangeCategory" AS ENUM ('Added', 'Modified', 'Removed');

-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "plan" "Plan" NOT NULL DEFAULT 'FREE',
    "planChangedAt" TIMESTAMP(3),
    "planChangedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "subscriptionId" TEXT,
    "workspaceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL,
    "fimEnabled" BOOLEAN NOT NULL DEFAULT false,
    "fimEnabledAt" TIMESTAMP(3),
    "fimEnabledById" TEXT,
    "fimDisabledAt" TIMESTAMP(3),
    "fimDisabledById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "configVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Machine" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "osFamily" "OsFamily" NOT NULL,
    "osVersion" TEXT NOT NULL,
    "source" "MachineSource" NOT NULL,
    "agentKind" "AgentKind" NOT NULL DEFAULT 'SIMULATED',
    "simSeed" INTEGER NOT NULL DEFAULT 0,
    "simClock" TIMESTAMP(3),
    "lastReportAt" TIMESTAMP(3),
    "collectionStatus" "CollectionStatus" NOT NULL DEFAULT 'PENDING',
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Machine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackedEntity" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" "EntityKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "itemName" TEXT NOT NULL,
    "group" TEXT NOT NULL DEFAULT 'Custom',
    "path" TEXT NOT NULL,
    "pathType" "PathType",
    "recursion" BOOLEAN NOT NULL DEFAULT false,
    "useSudo" BOOLEAN NOT NULL DEFAULT false,
    "links" "LinksMode",
    "uploadContent" BOOLEAN NOT NULL DEFAULT false,
    "valueName" TEXT NOT NULL DEFAULT '',
    "frequencySec" INTEGER,
    "recommended" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "TrackedEntity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryItem" (
    "id" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "changeType" "ChangeType" NOT NULL,
    "itemKey" TEXT NOT NULL,
    "entityId" TEXT,
    "size" BIGINT,
    "sha256" TEXT,
    "acls" TEXT,
    "attributes" TEXT,
    "inode" BIGINT,
    "dateCreated" TIMESTAMP(3),
    "dateModified" TIMESTAMP(3),
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRecord" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "computer" TEXT NOT NULL,
    "timeGenerated" TIMESTAMP(3) NOT NULL,
    "changeType" "ChangeType" NOT NULL,
    "category" "ChangeCategory" NOT NULL,
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
    "dateCreated" TIMESTAMP(3),
    "previousDateCreated" TIMESTAMP(3),
    "dateModified" TIMESTAMP(3),
    "previousDateModified" TIMESTAMP(3),
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

    CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentBlob" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentBlob_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "Scan" (
    "id" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "changeType" "ChangeType" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "status" "ScanStatus" NOT NULL,
    "itemsScanned" INTEGER NOT NULL DEFAULT 0,
    "changesFound" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "errorsJson" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "Scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntityCollectionState" (
    "machineId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "baselineAt" TIMESTAMP(3) NOT NULL,
    "lastScanAt" TIMESTAMP(3) NOT NULL,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "EntityCollectionState_pkey" PRIMARY KEY ("machineId","entityId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "workspaceId" TEXT,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detailsJson" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "machineId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_name_key" ON "Tenant"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_tenantId_name_key" ON "Subscription"("tenantId", "name");

-- CreateIndex
CREATE INDEX "RoleAssignment_userId_idx" ON "RoleAssignment"("userId");

-- CreateIndex
CREATE INDEX "RoleAssignment_subscriptionId_idx" ON "RoleAssignment"("subscriptionId");

-- CreateIndex
CREATE INDEX "RoleAssignment_workspaceId_idx" ON "RoleAssignment"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_subscriptionId_name_key" ON "Workspace"("subscriptionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Machine_workspaceId_name_key" ON "Machine"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "TrackedEntity_workspaceId_kind_idx" ON "TrackedEntity"("workspaceId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "TrackedEntity_workspaceId_kind_path_valueName_key" ON "TrackedEntity"("workspaceId", "kind", "path", "valueName");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryItem_machineId_changeType_itemKey_key" ON "InventoryItem"("machineId", "changeType", "itemKey");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "timeGenerated");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_changeType_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "changeType", "timeGenerated");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_category_timeGenerated_idx" ON "ChangeRecord"("workspaceId", "category", "timeGenerated");

-- CreateIndex
CREATE INDEX "ChangeRecord_machineId_timeGenerated_idx" ON "ChangeRecord"("machineId", "timeGenerated");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_target_idx" ON "ChangeRecord"("workspaceId", "target");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRecord_scanId_seq_key" ON "ChangeRecord"("scanId", "seq");

-- CreateIndex
CREATE INDEX "Scan_machineId_changeType_finishedAt_idx" ON "Scan"("machineId", "changeType", "finishedAt");

-- CreateIndex
CREATE INDEX "EntityCollectionState_entityId_idx" ON "EntityCollectionState"("entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_at_idx" ON "AuditEvent"("workspaceId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_subscriptionId_at_idx" ON "AuditEvent"("subscriptionId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Machine" ADD CONSTRAINT "Machine_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackedEntity" ADD CONSTRAINT "TrackedEntity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryItem" ADD CONSTRAINT "InventoryItem_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRecord" ADD CONSTRAINT "ChangeRecord_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "TrackedEntity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntityCollectionState" ADD CONSTRAINT "EntityCollectionState_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntityCollectionState" ADD CONSTRAINT "EntityCollectionState_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "TrackedEntity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;
