-- CreateTable
CREATE TABLE "MachineContent" (
    "machineId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MachineContent_pkey" PRIMARY KEY ("machineId","sha256")
);

-- CreateIndex
CREATE INDEX "MachineContent_sha256_idx" ON "MachineContent"("sha256");

-- AddForeignKey
ALTER TABLE "MachineContent" ADD CONSTRAINT "MachineContent_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MachineContent" ADD CONSTRAINT "MachineContent_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "ContentBlob"("sha256") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill. Content the server generated itself (the simulated fleet) stays readable through its machines. Content
-- reported before this migration by the Vigil host's scanner or by remote agents is not linked: which machine really
-- uploaded it cannot be proven, so it is no longer served; their next scans upload it again.
INSERT INTO "MachineContent" ("machineId", "sha256")
SELECT r."machineId", r."sha256" FROM (
  SELECT "machineId", "contentSha256" AS "sha256" FROM "InventoryItem" WHERE "contentSha256" IS NOT NULL
  UNION SELECT "machineId", "contentSha256" FROM "ChangeRecord" WHERE "contentSha256" IS NOT NULL
  UNION SELECT "machineId", "previousContentSha256" FROM "ChangeRecord" WHERE "previousContentSha256" IS NOT NULL
) r
JOIN "Machine" m ON m."id" = r."machineId" AND m."agentKind" = 'SIMULATED'
JOIN "ContentBlob" b ON b."sha256" = r."sha256";
