import "server-only";
import { ZEntityDraft, type TEntityDraft } from "@/lib/contracts/entities";
import { ENTITY_KIND_LABEL } from "@/lib/domain/types";
import {
  MAX_FILES_PER_MACHINE,
  MAX_REGISTRY_KEYS_PER_MACHINE,
  MAX_SERVICES_PER_MACHINE,
  canonicalPath,
  DEFAULT_SERVICE_FREQUENCY_SEC,
} from "@/lib/domain/paths";
import type { EntityKind } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "../db";
import { zodIssues } from "../request";
import { AppError, notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";

type Tx = Prisma.TransactionClient;
export type EditableWorkspace = { id: string; name: string; subscriptionId: string };

/** Authorization first (404 for a workspace the user cannot see, 403 for a Reader), then FIM must be on (409). */
export async function editableWorkspace(db: Db, user: TCurrentUser, workspaceId: string): Promise<EditableWorkspace> {
  await authorizeWorkspace(db, user, workspaceId, "entity.edit");
  const ws = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: { id: true, name: true, subscriptionId: true, fimEnabled: true },
  });
  if (!ws) throw notFound("The workspace");
  if (!ws.fimEnabled) throw fimNotEnabled(ws.name);
  return ws;
}

const fimNotEnabled = (name: string) =>
  new AppError("conflict", `File integrity monitoring is not enabled on "${name}". Enable it before changing what is tracked.`);

/** The entity, resolved within the workspace: another workspace's entity id reads as not found. */
export async function entityInWorkspace(db: Db | Tx, workspaceId: string, entityId: string) {
  const entity = await db.trackedEntity.findFirst({ where: { id: entityId, workspaceId } });
  if (!entity) throw notFound("The tracked entity");
  return entity;
}

/** The server's validation: the same zod schema as the form; a refusal names each field and changes nothing. */
export function parseDraft(input: unknown): TEntityDraft {
  const result = ZEntityDraft.safeParse(input);
  if (result.success) return normalizeDraft(result.data);
  const fields = zodIssues(result.error);
  throw new AppError("validation_failed", `The entry was not saved: ${fields[0].message}`, fields);
}

/** The stored form of a valid draft: one spelling per registry key, and the defaults a scanner relies on. */
function normalizeDraft(d: TEntityDraft): TEntityDraft {
  return {
    ...d,
    path: canonicalPath(d),
    group: d.group.trim() === "" ? "Custom" : d.group,
    links: d.kind === "LINUX_FILE" && d.links === null ? "FOLLOW" : d.links,
    frequencySec: d.kind === "WINDOWS_SERVICE" ? (d.frequencySec ?? DEFAULT_SERVICE_FREQUENCY_SEC) : null,
  };
}

// Windows compares file paths, registry keys, value names and service names case-insensitively.
const caseInsensitive = (kind: EntityKind) => kind !== "LINUX_FILE" && kind !== "FILE_CONTENT";

/**
 * One path per kind and workspace (the @@unique of TrackedEntity, and case-insensitively on Windows where the
 * database would take C:\Windows\win.ini and c:\windows\WIN.INI as two rows). Checked before writing, so the
 * refusal can name the entry that already tracks it; a race past this check is caught as P2002 by the caller.
 */
export async function assertNotDuplicate(tx: Tx, workspaceId: string, draft: TEntityDraft, exceptId?: string) {
  const fold = caseInsensitive(draft.kind) ? (s: string) => s.toLowerCase() : (s: string) => s;
  const same = await tx.trackedEntity.findMany({
    where: { workspaceId, kind: draft.kind, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { itemName: true, path: true, valueName: true },
  });
  const hit = same.find((e) => fold(e.path) === fold(draft.path) && fold(e.valueName) === fold(draft.valueName));
  if (hit) throw duplicate({ kind: draft.kind, path: hit.path, valueName: hit.valueName }, hit.itemName);
}

export function duplicate(draft: Pick<TEntityDraft, "kind" | "path" | "valueName">, existingName?: string) {
  const what = draft.valueName ? `${draft.path} (value ${draft.valueName})` : draft.path;
  const who = existingName ? `the entry "${existingName}"` : "another entry";
  const message = `${who[0].toUpperCase()}${who.slice(1)} on the ${ENTITY_KIND_LABEL[draft.kind]} tab already tracks ${what}. Edit that entry instead, or enter another ${draft.kind === "WINDOWS_SERVICE" ? "service name" : draft.kind === "WINDOWS_REGISTRY" ? "key or value name" : "path"}.`;
  return new AppError("conflict", message, [{ field: "path", message }]);
}

export const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

const LIMITS: Partial<Record<EntityKind, { max: number; items: string }>> = {
  WINDOWS_FILE: { max: MAX_FILES_PER_MACHINE, items: "files" },
  LINUX_FILE: { max: MAX_FILES_PER_MACHINE, items: "files" },
  WINDOWS_REGISTRY: { max: MAX_REGISTRY_KEYS_PER_MACHINE, items: "registry keys" },
  WINDOWS_SERVICE: { max: MAX_SERVICES_PER_MACHINE, items: "services" },
};

/**
 * Per-machine limits, as far as they can be known when saving: every enabled entry asks for at least one item on
 * each machine (a service entry for exactly one), so more enabled entries of a kind than the limit can never all be
 * collected. What a wildcard, a folder or recursion matches depends on each machine: the scanner stops at the limit
 * there and reports it on the machine and on the entry ("limit reached"), shown in the entry's collection status.
 */
export async function assertWithinLimit(tx: Tx, workspaceId: string, kind: EntityKind, exceptId?: string) {
  const limit = LIMITS[kind];
  if (!limit) return;
  const enabled = await tx.trackedEntity.count({
    where: { workspaceId, kind, enabled: true, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
  });
  if (enabled < limit.max) return;
  const message = `The ${ENTITY_KIND_LABEL[kind]} tab already has ${enabled} enabled entries, and a machine collects at most ${limit.max} ${limit.items}: one more entry could never be collected in full. Set Enabled to False to save it disabled, or disable or delete another entry first.`;
  throw new AppError("validation_failed", message, [{ field: "enabled", message }]);
}

/**
 * Every saved change bumps configVersion, so the scanner re-reads the entities on its next pass; it also re-checks,
 * inside the transaction, that FIM was not disabled meanwhile. Callers make it the first statement of their
 * transaction: it takes the write lock before anything is read (see writeTransaction).
 */
export async function bumpConfigVersion(tx: Tx, ws: EditableWorkspace) {
  const { count } = await tx.workspace.updateMany({ where: { id: ws.id, fimEnabled: true }, data: { configVersion: { increment: 1 } } });
  if (count === 0) throw fimNotEnabled(ws.name);
}

/**
 * Forgets the entity's per-machine baseline: its next scan takes a fresh one instead of reporting every old item
 * Removed and every new one Added. Its inventory items stay until that scan (see commitScan): an item another
 * entity also tracks is taken over and compared with what was known of it, so it is neither Added nor Removed;
 * the others then leave the inventory silently. `items` counts the items so handed over.
 */
export async function resetBaseline(tx: Tx, entityId: string) {
  const states = await tx.entityCollectionState.deleteMany({ where: { entityId } });
  const items = await tx.inventoryItem.count({ where: { entityId } });
  return { machines: states.count, items };
}

export { writeTransaction } from "../tx";
