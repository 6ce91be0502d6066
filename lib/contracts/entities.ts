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
import { CREATABLE_KINDS, ENTITY_KINDS, LINKS_MODES, PATH_TYPES } from "@/lib/domain/types";
import { hasControlCharacter, ZId } from "./common";
import { endpoint } from "./endpoint";

export const ZEntityListParams = z.object({ id: ZId("workspace id") });
export const ZEntityParams = z.object({ id: ZId("workspace id"), entityId: ZId("entity id") });

/** Names and paths never hold NUL or other control characters: nobody could read or type them. */
const visible = (schema: z.ZodString, label: string) =>
  schema.refine((v) => !hasControlCharacter(v), `${label} contains a control character (such as NUL); remove it.`);

const bool = (label: string) => z.boolean({ message: `${label} is either true or false.` });

// Lengths here only bound the request; validateEntity gives the precise limits with their own messages.
const fields = {
  enabled: bool("Enabled"),
  itemName: visible(
    z.string({ message: "Enter an item name." }).max(1024, "The item name is at most 128 characters; shorten it."),
    "The item name",
  ),
  group: visible(
    z.string({ message: "Enter a group name." }).max(1024, "The group name is at most 128 characters; shorten it."),
    "The group name",
  ),
  path: visible(
    z
      .string({ message: "Enter a path, a registry key or a service name." })
      .max(8192, "The path is longer than 4096 characters; shorten it."),
    "The path",
  ),
  pathType: z.enum(PATH_TYPES, { message: "Choose a path type: File, Folder (Windows) or Directory (Linux)." }).nullable(),
  recursion: bool("Recursion"),
  useSudo: bool("Use Sudo"),
  links: z.enum(LINKS_MODES, { message: "Choose how links are handled: Ignore, Follow or Manage." }).nullable(),
  uploadContent: bool("Upload file content"),
  verifyEveryScan: bool("Verify every scan").optional(),
  valueName: visible(
    z
      .string({ message: "Enter a value name, or leave it empty for the whole key." })
      .max(20000, "Registry value names are at most 16383 characters."),
    "The value name",
  ),
  frequencySec: z.number({ message: "Enter the collection frequency in seconds, from 10 to 1800." }).nullable(),
};

/** A complete entity as it will be stored: the shape, then every rule of validateEntity on the named field. */
export const ZEntityDraft = z
  .object({ kind: z.enum(ENTITY_KINDS, { message: "Choose the kind of entity." }), ...fields })
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
  kind: z.enum(ENTITY_KINDS),
  enabled: z.boolean(),
  itemName: z.string(),
  group: z.string(),
  path: z.string(),
  pathType: z.enum(PATH_TYPES).nullable(),
  recursion: z.boolean(),
  useSudo: z.boolean(),
  links: z.enum(LINKS_MODES).nullable(),
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
  hostReads: z
    .object({ allowed: z.array(z.string()), source: z.string() })
    .nullable()
    .meta({
      description:
        "In the workspace of the Vigil host itself: the folders its operator allows entries to read and upload content from (VIGIL_LOCAL_ALLOW), and where they are set. Null elsewhere.",
    }),
});
export type TEntityList = z.infer<typeof ZEntityList>;

/** One machine a preview used: the Vigil host's disk (under its allow-list), or the inventory a machine last reported. */
export const ZPreviewMachine = z.object({
  name: z.string(),
  source: z.enum(["disk", "inventory"]),
  count: z.number().int(),
  reportedAt: z.string().nullable(),
});
export type TPreviewMachine = z.infer<typeof ZPreviewMachine>;

/** What a file rule would match, before it is saved. */
export const ZPreviewResult = z.discriminatedUnion("supported", [
  z.object({
    supported: z.literal(true),
    host: z.string().meta({ description: 'The machine previewed, or "N machines".' }),
    count: z.number().int().meta({ description: "Distinct files the rule matches on the machines; a lower bound when `truncated`." }),
    truncated: z.boolean(),
    truncatedReason: z.string().nullable(),
    sample: z.array(z.string()),
    unreadable: z
      .number()
      .int()
      .meta({ description: "Entries that could not be read (permission denied): the agent reads them with Use Sudo." }),
    elapsedMs: z.number(),
    notes: z.array(z.string()),
    machines: z.array(ZPreviewMachine),
  }),
  z.object({ supported: z.literal(false), host: z.string(), reason: z.string() }),
]);
export type TPreviewResult = z.infer<typeof ZPreviewResult>;

export const ZEntitiesQuery = z.object({
  kind: z
    .enum(ENTITY_KINDS, { message: "Choose a kind of WINDOWS_REGISTRY, WINDOWS_FILE, LINUX_FILE, FILE_CONTENT or WINDOWS_SERVICE." })
    .optional()
    .meta({ description: "Only entities of this kind (a tab of Workspace Configuration)." }),
});
export const ZEntityDeleted = z.object({ id: z.string(), deleted: z.literal(true) });

const read = { kind: "workspace", action: "workspace.read" } as const;
const edit = { kind: "workspace", action: "entity.edit" } as const;

export const entityEndpoints = {
  list: endpoint({
    operationId: "listEntities",
    method: "GET",
    path: "/api/v1/workspaces/{id}/entities",
    tag: "Entities",
    summary: "List tracked entities",
    description:
      "The workspace's tracked entities (Workspace Configuration), optionally of one kind, with how their collection goes on the machines.",
    access: read,
    params: ZEntityListParams,
    query: ZEntitiesQuery,
    response: ZEntityList,
    responseName: "EntityList",
    errors: [404, 422],
  }),
  create: endpoint({
    operationId: "createEntity",
    method: "POST",
    path: "/api/v1/workspaces/{id}/entities",
    tag: "Entities",
    summary: "Add a tracked entity",
    description:
      "Adds a Windows registry key, Windows file, Linux file or Windows service to track. `kind`, `itemName` and `path` are required; the rest takes its kind's defaults. 422 names every invalid field; 409 for a duplicate, a full kind or a workspace without FIM.",
    access: edit,
    params: ZEntityListParams,
    body: ZEntityCreateBody,
    bodyName: "EntityCreateBody",
    response: ZEntity,
    responseName: "Entity",
    status: 201,
    errors: [400, 404, 409, 422],
  }),
  update: endpoint({
    operationId: "updateEntity",
    method: "PATCH",
    path: "/api/v1/workspaces/{id}/entities/{entityId}",
    tag: "Entities",
    summary: "Update a tracked entity",
    description:
      "Changes only the fields sent. Send `version` (the entity's `updatedAt`) to be refused with 409 if someone else edited it since you read it. The kind cannot change. A change of what is collected resets the entity's baseline.",
    access: edit,
    params: ZEntityParams,
    body: ZEntityPatchBody,
    bodyName: "EntityPatchBody",
    response: ZEntity,
    responseName: "Entity",
    errors: [400, 404, 409, 422],
  }),
  delete: endpoint({
    operationId: "deleteEntity",
    method: "DELETE",
    path: "/api/v1/workspaces/{id}/entities/{entityId}",
    tag: "Entities",
    summary: "Delete a tracked entity",
    description: "Stops tracking the entity on every machine and drops its baseline. Its recorded changes stay in the history.",
    access: edit,
    params: ZEntityParams,
    response: ZEntityDeleted,
    responseName: "EntityDeleted",
    errors: [404, 409, 422],
  }),
  preview: endpoint({
    operationId: "previewEntityRule",
    method: "POST",
    path: "/api/v1/workspaces/{id}/entities/preview",
    tag: "Entities",
    summary: "Preview a file rule",
    description:
      "What a Linux Files or Windows files rule would match, before it is saved: a count and a sample of paths. Changes nothing.",
    access: edit,
    params: ZEntityListParams,
    body: ZPreviewBody,
    bodyName: "PreviewBody",
    response: ZPreviewResult,
    responseName: "PreviewResult",
    errors: [400, 404, 422],
  }),
};
