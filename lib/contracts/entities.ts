// Tracked entities of Workspace Configuration: request schemas shared by the API (the truth) and the Add/Edit for
// Change Tracking forms (for comfort). Every path rule comes from lib/domain/paths.ts validateEntity, so the form
// and the server refuse exactly the same drafts with exactly the same messages.
//
// File content model: what is uploaded is decided by the `uploadContent` flag of Windows files and Linux Files
// entries, not by separate FILE_CONTENT rows. Azure Change Tracking does it this way (Upload file content is a field
// of a file setting); the scanners read the flag from the file entity they scan (the local agent's FileRule, the
// simulated fleet); and it keeps one entry per tracked path. A FILE_CONTENT row naming a file that a file entry also
// tracks would make one file an item of two entities (commitScan keeps it under the first that matches), so
// switching either one off would move the item, and its baseline, between them. The File content tab is therefore a
// view of the file entities whose content is uploaded; new FILE_CONTENT rows are refused (rows written by other
// means are still listed there, editable and deletable, since the scanners honour them).
import { z } from "zod";
import { validateEntity } from "@/lib/domain/paths";
import type { EntityKind } from "@/lib/domain/types";

export const ZEntityListParams = z.object({ id: z.string().min(1).max(64) });
export const ZEntityParams = z.object({ id: z.string().min(1).max(64), entityId: z.string().min(1).max(64) });

/** Tab names, as the walkthrough lists them. */
export const ENTITY_KIND_LABEL: Record<EntityKind, string> = {
  WINDOWS_REGISTRY: "Windows registry",
  WINDOWS_FILE: "Windows files",
  LINUX_FILE: "Linux Files",
  FILE_CONTENT: "File content",
  WINDOWS_SERVICE: "Windows services",
};

const KINDS = ["WINDOWS_REGISTRY", "WINDOWS_FILE", "LINUX_FILE", "FILE_CONTENT", "WINDOWS_SERVICE"] as const;
export const CREATABLE_KINDS = ["WINDOWS_REGISTRY", "WINDOWS_FILE", "LINUX_FILE", "WINDOWS_SERVICE"] as const;
export type TCreatableKind = (typeof CREATABLE_KINDS)[number];

const bool = (label: string) => z.boolean({ message: `${label} is either true or false.` });

// Lengths here only bound the request; validateEntity gives the precise limits with their own messages.
const fields = {
  enabled: bool("Enabled"),
  itemName: z.string({ message: "Enter an item name." }).max(1024, "The item name is at most 128 characters; shorten it."),
  group: z.string({ message: "Enter a group name." }).max(1024, "The group name is at most 128 characters; shorten it."),
  path: z
    .string({ message: "Enter a path, a registry key or a service name." })
    .max(8192, "The path is longer than 4096 characters; shorten it."),
  pathType: z
    .enum(["FILE", "FOLDER", "DIRECTORY"], { message: "Choose a path type: File, Folder (Windows) or Directory (Linux)." })
    .nullable(),
  recursion: bool("Recursion"),
  useSudo: bool("Use Sudo"),
  links: z.enum(["IGNORE", "FOLLOW", "MANAGE"], { message: "Choose how links are handled: Ignore, Follow or Manage." }).nullable(),
  uploadContent: bool("Upload file content"),
  verifyEveryScan: bool("Verify every scan").optional(),
  valueName: z
    .string({ message: "Enter a value name, or leave it empty for the whole key." })
    .max(20000, "Registry value names are at most 16383 characters."),
  frequencySec: z.number({ message: "Enter the collection frequency in seconds, from 10 to 1800." }).nullable(),
};

/** A complete entity as it will be stored: the shape, then every rule of validateEntity on the named field. */
export const ZEntityDraft = z
  .object({ kind: z.enum(KINDS, { message: "Choose the kind of entity." }), ...fields })
  .superRefine((draft, ctx) => {
    const result = validateEntity(draft);
    if (!result.ok) for (const e of result.errors) ctx.addIssue({ code: "custom", path: [e.field], message: e.message });
  });
export type TEntityDraft = z.infer<typeof ZEntityDraft>;

/** POST …/entities: kind, item name and path are required; the rest takes the defaults of its kind. */
export const ZEntityCreateBody = z.object({
  kind: z.enum(CREATABLE_KINDS, {
    message:
      "Choose what to track: Windows registry, Windows files, Linux Files or Windows services. File content is turned on for a tracked file with Upload file content.",
  }),
  itemName: fields.itemName,
  path: fields.path,
  enabled: fields.enabled.optional(),
  group: fields.group.optional(),
  pathType: fields.pathType.optional(),
  recursion: fields.recursion.optional(),
  useSudo: fields.useSudo.optional(),
  links: fields.links.optional(),
  uploadContent: fields.uploadContent.optional(),
  verifyEveryScan: fields.verifyEveryScan,
  valueName: fields.valueName.optional(),
  frequencySec: fields.frequencySec.optional(),
});
export type TEntityCreateBody = z.infer<typeof ZEntityCreateBody>;

/** PATCH …/entities/[entityId]: only the fields sent change; `version` (the updatedAt the editor loaded) guards
 * against overwriting someone else's edit. */
export const ZEntityPatchBody = z.object({
  kind: z.never({ message: "The kind of an entry cannot change: delete it and add a new entry on the right tab." }).optional(),
  enabled: fields.enabled.optional(),
  itemName: fields.itemName.optional(),
  group: fields.group.optional(),
  path: fields.path.optional(),
  pathType: fields.pathType.optional(),
  recursion: fields.recursion.optional(),
  useSudo: fields.useSudo.optional(),
  links: fields.links.optional(),
  uploadContent: fields.uploadContent.optional(),
  verifyEveryScan: fields.verifyEveryScan,
  valueName: fields.valueName.optional(),
  frequencySec: fields.frequencySec.optional(),
  version: z.string().max(40).optional(),
});
export type TEntityPatchBody = z.infer<typeof ZEntityPatchBody>;

/** POST …/entities/preview: a file rule as the form holds it, before it is saved (the shape; ZPreviewBody adds
 * the path rules, checked by the service after authorization). */
export const ZPreviewRule = z.object({
  kind: z.enum(["LINUX_FILE", "WINDOWS_FILE"], { message: "Only Linux Files and Windows files rules can be previewed." }),
  path: fields.path,
  pathType: fields.pathType,
  recursion: fields.recursion,
  links: fields.links,
  useSudo: fields.useSudo,
});
export const ZPreviewBody = ZPreviewRule.superRefine((rule, ctx) => {
  const result = validateEntity({ ...rule, itemName: "preview", uploadContent: false });
  if (!result.ok) for (const e of result.errors) ctx.addIssue({ code: "custom", path: [e.field], message: e.message });
});
export type TPreviewBody = z.infer<typeof ZPreviewBody>;

// ───────────── Responses ─────────────

/** How collection of one entity goes on the machines of the workspace (EntityCollectionState). */
export const ZEntityCollection = z.object({
  machines: z.number().int(),
  items: z.number().int(),
  lastScanAt: z.string().nullable(),
  /** Machines where collecting it fails (limit reached, invalid expansion, permission denied), at most 5. */
  failing: z.array(z.object({ machine: z.string(), error: z.string() })),
  failingCount: z.number().int(),
});
export type TEntityCollection = z.infer<typeof ZEntityCollection>;

/** A tracked entity (one row of Workspace Configuration). */
export const ZEntity = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  enabled: z.boolean(),
  itemName: z.string(),
  group: z.string(),
  path: z.string(),
  pathType: z.enum(["FILE", "FOLDER", "DIRECTORY"]).nullable(),
  recursion: z.boolean(),
  useSudo: z.boolean(),
  links: z.enum(["IGNORE", "FOLLOW", "MANAGE"]).nullable(),
  uploadContent: z.boolean(),
  verifyEveryScan: z.boolean(),
  valueName: z.string(),
  frequencySec: z.number().int().nullable(),
  recommended: z.boolean(),
  /** ISO time of the last edit; sent back as `version` when saving. */
  updatedAt: z.string(),
  collection: ZEntityCollection,
});
export type TEntity = z.infer<typeof ZEntity>;

export const ZEntityList = z.object({
  workspaceId: z.string(),
  fimEnabled: z.boolean(),
  canEdit: z.boolean(),
  entities: z.array(ZEntity),
});
export type TEntityList = z.infer<typeof ZEntityList>;

export type TPreviewResult =
  | {
      supported: true;
      host: string;
      /** Files the rule matches now; a lower bound when `truncated`. */
      count: number;
      truncated: boolean;
      truncatedReason: string | null;
      sample: string[];
      /** Entries that could not be read (permission denied): the agent reads them with Use Sudo. */
      unreadable: number;
      elapsedMs: number;
      notes: string[];
    }
  | { supported: false; host: string; reason: string };
