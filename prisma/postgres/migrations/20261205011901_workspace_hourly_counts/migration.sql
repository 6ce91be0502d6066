-- CreateTable
CREATE TABLE "WorkspaceChangeCount" (
    "workspaceId" TEXT NOT NULL,
    "slice" INTEGER NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "changeType" "ChangeType" NOT NULL,
    "category" "ChangeCategory" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "WorkspaceChangeCount_pkey" PRIMARY KEY ("workspaceId","changeType","category","hour","slice")
);

-- CreateTable
CREATE TABLE "WorkspaceReviewCount" (
    "workspaceId" TEXT NOT NULL,
    "slice" INTEGER NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "reviewState" "ReviewState" NOT NULL,
    "attribution" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    CONSTRAINT "WorkspaceReviewCount_pkey" PRIMARY KEY ("workspaceId","reviewState","attribution","hour","slice")
);

-- CreateIndex
CREATE INDEX "WorkspaceChangeCount_workspaceId_changeType_category_hour_c_idx" ON "WorkspaceChangeCount"("workspaceId", "changeType", "category", "hour", "count");

-- CreateIndex
CREATE INDEX "WorkspaceReviewCount_workspaceId_reviewState_hour_count_idx" ON "WorkspaceReviewCount"("workspaceId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "WorkspaceReviewCount_workspaceId_attribution_hour_count_idx" ON "WorkspaceReviewCount"("workspaceId", "attribution", "hour", "count");

-- Triggers keep the workspace counts equal to the sums of the machine counts, whatever writes those (scans, reviews,
-- retention, a machine's deletion, a rebuild; TRUNCATE fires no row trigger, so a rebuild truncates both). A
-- workspace's hour is spread over 8 slices by machine, so that scans of different machines committing at once do not
-- wait for one row's lock. A decrement only updates: a workspace whose rows are gone stays gone.
CREATE FUNCTION "vigil_workspace_change_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "WorkspaceChangeCount" SET "count" = "count" - OLD."count"
    WHERE "workspaceId" = OLD."workspaceId" AND "changeType" = OLD."changeType" AND "category" = OLD."category"
      AND "hour" = OLD."hour" AND "slice" = abs(hashtext(OLD."machineId")) % 8;
    RETURN NULL;
  END IF;
  INSERT INTO "WorkspaceChangeCount" ("workspaceId", "slice", "hour", "changeType", "category", "count")
  VALUES (NEW."workspaceId", abs(hashtext(NEW."machineId")) % 8, NEW."hour", NEW."changeType", NEW."category",
    CASE WHEN TG_OP = 'UPDATE' THEN NEW."count" - OLD."count" ELSE NEW."count" END)
  ON CONFLICT ("workspaceId", "changeType", "category", "hour", "slice")
  DO UPDATE SET "count" = "WorkspaceChangeCount"."count" + excluded."count";
  RETURN NULL;
END $$;

CREATE TRIGGER "ChangeCount_workspace" AFTER INSERT OR UPDATE OF "count" OR DELETE ON "ChangeCount"
FOR EACH ROW EXECUTE FUNCTION "vigil_workspace_change_count"();

CREATE FUNCTION "vigil_workspace_review_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "WorkspaceReviewCount" SET "count" = "count" - OLD."count"
    WHERE "workspaceId" = OLD."workspaceId" AND "reviewState" = OLD."reviewState" AND "attribution" = OLD."attribution"
      AND "hour" = OLD."hour" AND "slice" = abs(hashtext(OLD."machineId")) % 8;
    RETURN NULL;
  END IF;
  INSERT INTO "WorkspaceReviewCount" ("workspaceId", "slice", "hour", "reviewState", "attribution", "count")
  VALUES (NEW."workspaceId", abs(hashtext(NEW."machineId")) % 8, NEW."hour", NEW."reviewState", NEW."attribution",
    CASE WHEN TG_OP = 'UPDATE' THEN NEW."count" - OLD."count" ELSE NEW."count" END)
  ON CONFLICT ("workspaceId", "reviewState", "attribution", "hour", "slice")
  DO UPDATE SET "count" = "WorkspaceReviewCount"."count" + excluded."count";
  RETURN NULL;
END $$;

CREATE TRIGGER "ChangeReviewCount_workspace" AFTER INSERT OR UPDATE OF "count" OR DELETE ON "ChangeReviewCount"
FOR EACH ROW EXECUTE FUNCTION "vigil_workspace_review_count"();

-- The counts so far.
INSERT INTO "WorkspaceChangeCount" ("workspaceId", "slice", "hour", "changeType", "category", "count")
SELECT "workspaceId", abs(hashtext("machineId")) % 8, "hour", "changeType", "category", sum("count") FROM "ChangeCount"
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "WorkspaceReviewCount" ("workspaceId", "slice", "hour", "reviewState", "attribution", "count")
SELECT "workspaceId", abs(hashtext("machineId")) % 8, "hour", "reviewState", "attribution", sum("count") FROM "ChangeReviewCount"
GROUP BY 1, 2, 3, 4, 5;
