import "server-only";
import type { TEntity, TEntityCreateBody, TEntityDraft, TEntityPatchBody } from "@/lib/contracts/entities";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { TCurrentUser } from "../session";
import { BASELINE_FIELDS, changeDetails, changedFields, EDITABLE_FIELDS, entityTitle, updateSummary } from "./describe";
import {
  assertNotDuplicate,
  assertWithinLimit,
  bumpConfigVersion,
  duplicate,
  editableWorkspace,
  entityInWorkspace,
  isUniqueViolation,
  parseDraft,
  resetBaseline,
  writeTransaction,
} from "./guards";
import { assertHostMayRead, HOST_READ_FIELDS } from "./host-rules";
import { toEntityDto } from "./list-entities";

type EntityRow = Prisma.TrackedEntityGetPayload<object>;

/** What an Add for Change Tracking form starts from, per kind. */
function defaultsFor(kind: TEntityCreateBody["kind"]): Omit<TEntityDraft, "kind" | "itemName" | "path"> {
  return {
    enabled: true,
    group: "Custom",
    pathType: kind === "WINDOWS_FILE" || kind === "LINUX_FILE" ? "FILE" : null,
    recursion: false,
    useSudo: false,
    links: kind === "LINUX_FILE" ? "FOLLOW" : null,
    uploadContent: false,
    valueName: "",
    frequencySec: null,
  };
}

const draftOf = (e: EntityRow): TEntityDraft => ({
  kind: e.kind,
  ...(Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, e[f]])) as Omit<TEntityDraft, "kind">),
});

/** A unique-index race lost between our duplicate check and the insert: the same 409 as the check gives. */
function mapRace(err: unknown, draft: TEntityDraft): unknown {
  return isUniqueViolation(err) ? duplicate(draft) : err;
}

/** Add for Change Tracking: validates, refuses duplicates and what exceeds the limits, saves and audits at once. */
export async function createEntity(db: Db, user: TCurrentUser, workspaceId: string, body: TEntityCreateBody): Promise<TEntity> {
  const ws = await editableWorkspace(db, user, workspaceId);
  const draft = parseDraft({ ...defaultsFor(body.kind), ...stripUndefined(body) });
  await assertHostMayRead(db, ws.id, draft);
  try {
    const row = await writeTransaction(db, async (tx) => {
      await bumpConfigVersion(tx, ws); // first: see writeTransaction
      await assertNotDuplicate(tx, ws.id, draft);
      if (draft.enabled) await assertWithinLimit(tx, ws.id, draft.kind);
      const created = await tx.trackedEntity.create({ data: { ...draft, workspaceId: ws.id, recommended: false, updatedById: user.id } });
      await recordAudit(tx, user, {
        action: "entity.create",
        subscriptionId: ws.subscriptionId,
        workspaceId: ws.id,
        targetType: "entity",
        targetId: created.id,
        summary: `Added ${entityTitle(draft)}`,
        details: { entity: draft },
      });
      return created;
    });
    return toEntityDto(row);
  } catch (err) {
    throw mapRace(err, draft);
  }
}

/**
 * Edit for Change Tracking: only the fields sent change. A change of what the entity collects resets its baseline
 * in the same transaction; an edit made by someone else since the editor loaded (`version`) is refused.
 */
export async function updateEntity(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  entityId: string,
  body: TEntityPatchBody,
): Promise<TEntity> {
  const ws = await editableWorkspace(db, user, workspaceId);
  const current = await entityInWorkspace(db, ws.id, entityId);
  const { version, kind: _kind, ...patch } = body;
  const before = draftOf(current);
  const draft = parseDraft({ ...before, ...stripUndefined(patch) });
  const fields = changedFields(before, draft);
  if (version !== undefined && version !== current.updatedAt.toISOString()) throw changedMeanwhile(current);
  if (fields.length === 0) return toEntityDto(current);
  if (fields.some((f) => HOST_READ_FIELDS.has(f))) await assertHostMayRead(db, ws.id, draft);
  const reset = fields.some((f) => BASELINE_FIELDS.has(f));

  try {
    const row = await writeTransaction(db, async (tx) => {
      await bumpConfigVersion(tx, ws); // first: see writeTransaction
      if (fields.includes("path") || fields.includes("valueName")) await assertNotDuplicate(tx, ws.id, draft, current.id);
      if (draft.enabled && !current.enabled) await assertWithinLimit(tx, ws.id, draft.kind, current.id);
      // Conditional on the updatedAt we read, so of two concurrent edits only one lands and the other is told.
      const { count } = await tx.trackedEntity.updateMany({
        where: { id: current.id, updatedAt: current.updatedAt },
        data: { ...draft, updatedById: user.id },
      });
      if (count === 0) throw changedMeanwhile(current);
      const baseline = reset ? await resetBaseline(tx, current.id) : null;
      await recordAudit(tx, user, {
        action: "entity.update",
        subscriptionId: ws.subscriptionId,
        workspaceId: ws.id,
        targetType: "entity",
        targetId: current.id,
        summary: updateSummary(before, draft, fields),
        details: { kind: draft.kind, changes: changeDetails(before, draft, fields), ...(baseline ? { baselineReset: baseline } : {}) },
      });
      return tx.trackedEntity.findUniqueOrThrow({ where: { id: current.id } });
    });
    return toEntityDto(row);
  } catch (err) {
    throw mapRace(err, draft);
  }
}

function changedMeanwhile(e: EntityRow) {
  return new AppError(
    "conflict",
    `"${e.itemName}" was changed by someone else after you opened it. Discard your changes to see the current values, then edit again.`,
  );
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
