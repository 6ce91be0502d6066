// Shared domain types. String-literal unions mirror the Prisma enums in prisma/schema.prisma value for value,
// so a value typed here can be handed to the Prisma client without mapping (and this module stays import-free).

export type EntityKind = "WINDOWS_REGISTRY" | "WINDOWS_FILE" | "LINUX_FILE" | "FILE_CONTENT" | "WINDOWS_SERVICE";
export type PathType = "FILE" | "FOLDER" | "DIRECTORY";
export type LinksMode = "IGNORE" | "FOLLOW" | "MANAGE";
export type ChangeType = "Files" | "Registry" | "WindowsServices";
export type ChangeCategory = "Added" | "Modified" | "Removed";

export const ENTITY_KINDS: readonly EntityKind[] = ["WINDOWS_REGISTRY", "WINDOWS_FILE", "LINUX_FILE", "FILE_CONTENT", "WINDOWS_SERVICE"];
export const PATH_TYPES: readonly PathType[] = ["FILE", "FOLDER", "DIRECTORY"];
export const LINKS_MODES: readonly LinksMode[] = ["IGNORE", "FOLLOW", "MANAGE"];
export const CHANGE_TYPES: readonly ChangeType[] = ["Files", "Registry", "WindowsServices"];
export const CHANGE_CATEGORIES: readonly ChangeCategory[] = ["Added", "Modified", "Removed"];

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
