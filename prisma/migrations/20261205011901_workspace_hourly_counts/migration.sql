-- CreateTable
CREATE TABLE "WorkspaceChangeCount" (
    "workspaceId" TEXT NOT NULL,
    "slice" INTEGER NOT NULL,
    "hour" DATETIME NOT NULL,
    "changeType" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "changeType", "category", "hour", "slice")
);

-- CreateTable
CREATE TABLE "WorkspaceReviewCount" (
    "workspaceId" TEXT NOT NULL,
    "slice" INTEGER NOT NULL,
    "hour" DATETIME NOT NULL,
    "reviewState" TEXT NOT NULL,
    "attribution" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "reviewState", "attribution", "hour", "slice")
);

-- CreateIndex
CREATE INDEX "WorkspaceChangeCount_workspaceId_changeType_category_hour_count_idx" ON "WorkspaceChangeCount"("workspaceId", "changeType", "category", "hour", "count");

-- CreateIndex
CREATE INDEX "WorkspaceReviewCount_workspaceId_reviewState_hour_count_idx" ON "WorkspaceReviewCount"("workspaceId", "reviewState", "hour", "count");

-- CreateIndex
CREATE INDEX "WorkspaceReviewCount_workspaceId_attribution_hour_count_idx" ON "WorkspaceReviewCount"("workspaceId", "attribution", "hour", "count");

-- Triggers keep the workspace counts equal to the sums of the machine counts, whatever writes those (scans, reviews,
-- retention, a machine's deletion, a rebuild). A decrement only updates: a workspace whose rows are gone stays gone.
CREATE TRIGGER "ChangeCount_workspace_insert" AFTER INSERT ON "ChangeCount" BEGIN
  INSERT INTO "WorkspaceChangeCount" ("workspaceId", "slice", "hour", "changeType", "category", "count")
  VALUES (NEW."workspaceId", 0, NEW."hour", NEW."changeType", NEW."category", NEW."count")
  ON CONFLICT ("workspaceId", "changeType", "category", "hour", "slice") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "ChangeCount_workspace_update" AFTER UPDATE OF "count" ON "ChangeCount" BEGIN
  INSERT INTO "WorkspaceChangeCount" ("workspaceId", "slice", "hour", "changeType", "category", "count")
  VALUES (NEW."workspaceId", 0, NEW."hour", NEW."changeType", NEW."category", NEW."count" - OLD."count")
  ON CONFLICT ("workspaceId", "changeType", "category", "hour", "slice") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "ChangeCount_workspace_delete" AFTER DELETE ON "ChangeCount" BEGIN
  UPDATE "WorkspaceChangeCount" SET "count" = "count" - OLD."count"
  WHERE "workspaceId" = OLD."workspaceId" AND "changeType" = OLD."changeType" AND "category" = OLD."category"
    AND "hour" = OLD."hour" AND "slice" = 0;
END;

CREATE TRIGGER "ChangeReviewCount_workspace_insert" AFTER INSERT ON "ChangeReviewCount" BEGIN
  INSERT INTO "WorkspaceReviewCount" ("workspaceId", "slice", "hour", "reviewState", "attribution", "count")
  VALUES (NEW."workspaceId", 0, NEW."hour", NEW."reviewState", NEW."attribution", NEW."count")
  ON CONFLICT ("workspaceId", "reviewState", "attribution", "hour", "slice") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "ChangeReviewCount_workspace_update" AFTER UPDATE OF "count" ON "ChangeReviewCount" BEGIN
  INSERT INTO "WorkspaceReviewCount" ("workspaceId", "slice", "hour", "reviewState", "attribution", "count")
  VALUES (NEW."workspaceId", 0, NEW."hour", NEW."reviewState", NEW."attribution", NEW."count" - OLD."count")
  ON CONFLICT ("workspaceId", "reviewState", "attribution", "hour", "slice") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "ChangeReviewCount_workspace_delete" AFTER DELETE ON "ChangeReviewCount" BEGIN
  UPDATE "WorkspaceReviewCount" SET "count" = "count" - OLD."count"
  WHERE "workspaceId" = OLD."workspaceId" AND "reviewState" = OLD."reviewState" AND "attribution" = OLD."attribution"
    AND "hour" = OLD."hour" AND "slice" = 0;
END;

-- The counts so far.
INSERT INTO "WorkspaceChangeCount" ("workspaceId", "slice", "hour", "changeType", "category", "count")
SELECT "workspaceId", 0, "hour", "changeType", "category", sum("count") FROM "ChangeCount"
GROUP BY "workspaceId", "hour", "changeType", "category";

INSERT INTO "WorkspaceReviewCount" ("workspaceId", "slice", "hour", "reviewState", "attribution", "count")
SELECT "workspaceId", 0, "hour", "reviewState", "attribution", sum("count") FROM "ChangeReviewCount"
GROUP BY "workspaceId", "hour", "reviewState", "attribution";
