// Shared domain types. String-literal unions mirror the Prisma enums in prisma/schema.prisma value for value,
// so a value typed here can be handed to the Prisma client without mapping (and this module stays import-free).

export const ENTITY_KINDS = ["WINDOWS_REGISTRY", "WINDOWS_FILE", "LINUX_FILE", "FILE_CONTENT", "WINDOWS_SERVICE"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
/** The kinds a user may add; File content is a flag of a file entity (Upload file content), not a row of its own. */
export const CREATABLE_KINDS = ["WINDOWS_REGISTRY", "WINDOWS_FILE", "LINUX_FILE", "WINDOWS_SERVICE"] as const;
export type CreatableKind = (typeof CREATABLE_KINDS)[number];
export const PATH_TYPES = ["FILE", "FOLDER", "DIRECTORY"] as const;
export type PathType = (typeof PATH_TYPES)[number];
export const LINKS_MODES = ["IGNORE", "FOLLOW", "MANAGE"] as const;
export type LinksMode = (typeof LINKS_MODES)[number];
export const CHANGE_TYPES = ["Files", "Registry", "WindowsServices"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
export const CHANGE_CATEGORIES = ["Added", "Modified", "Removed"] as const;
export type ChangeCategory = (typeof CHANGE_CATEGORIES)[number];
/** Was a change expected? Every change starts Unreviewed; Contributors and Owners set the others. */
export const REVIEW_STATES = ["Unreviewed", "Expected", "Suspicious"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const OS_FAMILIES = ["LINUX", "WINDOWS"] as const;
export type OsFamily = (typeof OS_FAMILIES)[number];
export const MACHINE_SOURCES = ["AZURE_VM", "AZURE_ARC", "AWS", "LOCAL"] as const;
export type MachineSource = (typeof MACHINE_SOURCES)[number];
export const COLLECTION_STATUSES = ["PENDING", "HEALTHY", "WARNING", "ERROR"] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];
export const PLANS = ["FREE", "DEFENDER_SERVERS_P2"] as const;
export type Plan = (typeof PLANS)[number];
export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** Tab names of Workspace Configuration, as the walkthrough lists them (also used in messages). */
export const ENTITY_KIND_LABEL: Record<EntityKind, string> = {
  WINDOWS_REGISTRY: "Windows registry",
  WINDOWS_FILE: "Windows files",
  LINUX_FILE: "Linux Files",
  FILE_CONTENT: "File content",
  WINDOWS_SERVICE: "Windows services",
};

/**
 * The editable fields of a TrackedEntity (one row of Workspace Configuration), as a form or API submits them.
 * Optional fields take the schema defaults when absent.
 */
export interface EntityDraft {
  kind: EntityKind;
  itemName: string;
  group?: string;
  /** File path (wildcards, %VARS%), registry key, or service name depending on kind. */
  path: string;
  pathType?: PathType | null;
  recursion?: boolean;
  useSudo?: boolean;
  links?: LinksMode | null;
  uploadContent?: boolean;
  /** Files: read and hash every file on every scan instead of trusting unchanged metadata. */
  verifyEveryScan?: boolean;
  /** Registry value name; "" means the whole key. */
  valueName?: string;
  frequencySec?: number | null;
}

/** One problem with one form field; message says what is wrong and how to fix it. */
export interface FieldError {
  field: string;
  message: string;
}

export type ValidationResult = { ok: true } | { ok: false; errors: FieldError[] };

export function toResult(errors: FieldError[]): ValidationResult {
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
