import "server-only";
import type { TEntityDraft } from "@/lib/contracts/entities";
import { ENTITY_KIND_LABEL } from "@/lib/domain/types";
import type { EntityKind } from "@/lib/domain/types";

export const EDITABLE_FIELDS = [
  "enabled",
  "itemName",
  "group",
  "path",
  "pathType",
  "recursion",
  "useSudo",
  "links",
  "uploadContent",
  "verifyEveryScan",
  "valueName",
  "frequencySec",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/**
 * Fields that decide which items an entity collects, or how they are read (sudo, links). Changing one makes the
 * collected baseline meaningless. Enabled is one too: while an entity is disabled the scanner drops its items, so
 * re-enabling it on the old baseline would report every item Added.
 */
export const BASELINE_FIELDS: ReadonlySet<EditableField> = new Set([
  "enabled",
  "path",
  "pathType",
  "recursion",
  "useSudo",
  "links",
  "valueName",
]);

export type EntityValues = Pick<TEntityDraft, EditableField | "kind">;
export type FieldChange = { from: unknown; to: unknown };

export function changedFields(before: EntityValues, after: EntityValues): EditableField[] {
  return EDITABLE_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

export function changeDetails(before: EntityValues, after: EntityValues, fields: readonly EditableField[]): Record<string, FieldChange> {
  return Object.fromEntries(fields.map((f) => [f, { from: before[f] ?? null, to: after[f] ?? null }]));
}

export function fieldLabel(field: EditableField, kind: EntityKind): string {
  if (field === "path") return kind === "WINDOWS_REGISTRY" ? "Windows Registry Key" : kind === "WINDOWS_SERVICE" ? "Service name" : "Path";
  const labels: Record<Exclude<EditableField, "path">, string> = {
    enabled: "Enabled",
    itemName: "Item Name",
    group: "Group",
    pathType: "Path Type",
    recursion: "Recursion",
    useSudo: "Use Sudo",
    links: "Links",
    uploadContent: "Upload file content",
    verifyEveryScan: "Verify every scan",
    valueName: "Value name",
    frequencySec: "Frequency",
  };
  return labels[field];
}

/** `Linux Files entry "passwd" (/bin/passwd)`: how the audit trail names an entity. */
export function entityTitle(e: Pick<EntityValues, "kind" | "itemName" | "path" | "valueName">): string {
  const target = e.valueName ? `${e.path}, value ${e.valueName}` : e.path;
  return `${ENTITY_KIND_LABEL[e.kind]} entry "${e.itemName}" (${target})`;
}

/** One line for the audit trail: what happened to which entity, in the words of the editor. */
export function updateSummary(before: EntityValues, after: EntityValues, fields: readonly EditableField[]): string {
  const title = entityTitle(after);
  if (fields.length === 1 && fields[0] === "enabled") return `${after.enabled ? "Enabled" : "Disabled"} ${title}`;
  if (fields.length === 1 && fields[0] === "uploadContent") {
    return after.uploadContent ? `Turned on content upload for ${title}` : `Stopped uploading the content of ${title}`;
  }
  return `Edited ${title}: ${fields.map((f) => fieldLabel(f, after.kind)).join(", ")}`;
}
