// Validation of tracked-entity paths and whole entity drafts, as the Workspace Configuration editor saves them.
// Every message says what is wrong and how to fix it: it is shown as-is under the form field named by `field`.
import { invisibleNameError } from "./visible-text";
import { normalizeRegistryKey, registryKeyErrors, MAX_VALUE_NAME_LENGTH } from "./registry";
import { type EntityDraft, type FieldError, type PathType, type ValidationResult, toResult } from "./types";
import { hasWildcard, isWildcardOnly } from "./wildcard";

export { hasWildcard, isWildcardOnly, matchesLastSegment, splitPattern } from "./wildcard";
export { normalizeRegistryKey, splitRegistryKey, validateRegistryKey, parseHive } from "./registry";
export type { RegistryHive } from "./registry";

// Per-machine limits of Azure Change Tracking (reference facts); the scanner enforces them, the UI shows them.
export const MAX_FILES_PER_MACHINE = 500;
export const MAX_REGISTRY_KEYS_PER_MACHINE = 250;
export const MAX_SERVICES_PER_MACHINE = 250;
export const MAX_UPLOAD_CONTENT_BYTES = 5 * 1024 * 1024;
export const MIN_SERVICE_FREQUENCY_SEC = 10;
export const MAX_SERVICE_FREQUENCY_SEC = 1800;
export const DEFAULT_SERVICE_FREQUENCY_SEC = 1800;
export const MAX_ITEM_NAME_LENGTH = 128;
export const MAX_GROUP_LENGTH = 128;
export const MAX_SERVICE_NAME_LENGTH = 256;
export const MAX_PATH_LENGTH = 4096;
const MAX_SEGMENT_LENGTH = 255; // NAME_MAX on Linux, a path component on NTFS

export function isUploadableSize(size: number | bigint): boolean {
  return BigInt(size) <= BigInt(MAX_UPLOAD_CONTENT_BYTES);
}

export interface PathOptions {
  pathType?: PathType | null;
  recursion?: boolean;
  /** Form field the errors are reported on; "path" unless told. */
  field?: string;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const WINDOWS_INVALID = /[<>"|:]/g;
const DRIVE_PREFIX = /^[A-Za-z]:/;
const ENV_PREFIX = /^%([^%\\]*)%/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_()]*$/;
const ENV_EXAMPLES = "%windir%, %SystemRoot%, %ProgramFiles%, %ProgramFiles(x86)%, %ProgramData% or %SystemDrive%";
const SEVERAL_FILES_RULE =
  "A path without a wildcard names exactly one file; a wildcard in the last segment is required to track several files";

/** Checks shared by both file systems; `segs` are the parts after the root. */
function segmentErrors(segs: string[], sep: string, example: string, field: string): FieldError[] {
  const err = (message: string) => [{ field, message }];
  if (segs.length > 1 && segs[segs.length - 1] === "") return err(`Remove the trailing ${sep} from the path.`);
  if (segs.some((s) => s === "")) return err(`The path has an empty segment (${sep}${sep}); use a single ${sep} between names.`);
  if (segs.some((s) => s === "." || s === "..")) return err(`Write the full path without "." or ".." segments.`);
  const inner = segs.slice(0, -1).find(hasWildcard);
  if (inner !== undefined) {
    return err(
      `Wildcards (* and ?) are allowed only in the last segment of a path, as in ${example}; "${inner}" is a folder segment. Name the folder exactly, and add one entry per folder or turn on Recursion to cover subfolders.`,
    );
  }
  if (segs.some((s) => s.length > MAX_SEGMENT_LENGTH)) return err(`A file or folder name is at most ${MAX_SEGMENT_LENGTH} characters.`);
  return [];
}

function commonErrors(path: string, example: string, field: string): FieldError[] {
  if (path.trim() === "") return [{ field, message: `Enter a path, for example ${example}.` }];
  if (path !== path.trim()) return [{ field, message: "Remove the leading or trailing spaces from the path." }];
  if (path.length > MAX_PATH_LENGTH) return [{ field, message: `The path is longer than ${MAX_PATH_LENGTH} characters; shorten it.` }];
  if (CONTROL_CHARS.test(path))
    return [{ field, message: "The path contains a control character (such as a tab or line break); remove it." }];
  return [];
}

function recursionErrors(last: string, opts: PathOptions, example: string): FieldError[] {
  if (opts.pathType === "FILE" && opts.recursion === true && !hasWildcard(last)) {
    return [
      {
        field: "recursion",
        message: `${SEVERAL_FILES_RULE} (for example ${example}), so Recursion has no effect here. Turn Recursion off, or add a wildcard, or track the folder instead.`,
      },
    ];
  }
  return [];
}

export function linuxPathErrors(path: string, opts: PathOptions = {}): FieldError[] {
  const field = opts.field ?? "path";
  const example = "/etc/*.conf";
  const common = commonErrors(path, "/etc/passwd or /etc/*.conf", field);
  if (common.length > 0) return common;
  const err = (message: string) => [{ field, message }];
  if (!path.startsWith("/")) {
    if (DRIVE_PREFIX.test(path) || path.startsWith("%") || path.startsWith("\\")) {
      return err(
        "This looks like a Windows path. Linux paths start with /, for example /etc/passwd; track Windows files on the Windows files tab.",
      );
    }
    return err(`Linux paths must be absolute: start with /, for example /etc/${path}.`);
  }
  if (path.includes("\\"))
    return err("Linux paths use / between names; a backslash (\\) here is almost always a Windows separator. Replace it with /.");
  const segs = path.slice(1).split("/");
  const last = segs[segs.length - 1];
  const atRoot = segs.length === 1;
  if (path === "/" || (atRoot && (isWildcardOnly(last) || (hasWildcard(last) && opts.recursion === true)))) {
    return err(
      `"${path}" is too general: it would traverse the whole file system from /, which is slow, exceeds the limit of ${MAX_FILES_PER_MACHINE} files a machine and buries real changes in noise. Name the directory that holds the files, for example ${example} or /usr/bin.`,
    );
  }
  const seg = segmentErrors(segs, "/", example, field);
  return seg.length > 0 ? seg : recursionErrors(last, opts, example);
}

/** Parses the root of a Windows path: a drive (`C:\`) or an environment variable (`%windir%\`). */
function windowsRoot(path: string, field: string): { rest: string; driveRoot: boolean } | FieldError[] {
  const err = (message: string) => [{ field, message }];
  const drive = DRIVE_PREFIX.exec(path);
  if (drive !== null) {
    if (path.length === 2) return { rest: "", driveRoot: true };
    if (path[2] !== "\\") return err(`Put a backslash after the drive letter: ${drive[0]}\\${path.slice(2)}.`);
    return { rest: path.slice(3), driveRoot: true };
  }
  const env = ENV_PREFIX.exec(path);
  if (env !== null) {
    if (!ENV_NAME.test(env[1])) return err(`"${env[0]}" is not a valid environment variable. Use one such as ${ENV_EXAMPLES}.`);
    const after = path.slice(env[0].length);
    if (after !== "" && !after.startsWith("\\")) return err(`Put a backslash after ${env[0]}: ${env[0]}\\${after}.`);
    // %SystemDrive% expands to "C:", so a path directly under it is a drive root.
    return { rest: after.slice(1), driveRoot: env[1].toLowerCase() === "systemdrive" };
  }
  if (path.startsWith("\\\\"))
    return err(
      "Network (UNC) paths are not supported. Track the file on the machine that holds it, with a local path such as D:\\Shares\\app.config.",
    );
  if (path.startsWith("/"))
    return err(
      "This looks like a Linux path. Windows paths start with a drive letter (C:\\) or an environment variable; track Linux files on the Linux files tab.",
    );
  return err(
    `Windows paths must start with a drive letter (C:\\...) or an environment variable such as ${ENV_EXAMPLES}, for example %windir%\\System32\\*.exe.`,
  );
}

export function windowsPathErrors(path: string, opts: PathOptions = {}): FieldError[] {
  const field = opts.field ?? "path";
  const example = "C:\\folder\\*.ini";
  const common = commonErrors(path, "C:\\Windows\\win.ini or %windir%\\System32\\*.exe", field);
  if (common.length > 0) return common;
  const err = (message: string) => [{ field, message }];
  if (path.includes("/")) return err("Windows paths use backslashes (\\) between names, not slashes (/): write C:\\Windows\\win.ini.");
  const root = windowsRoot(path, field);
  if (Array.isArray(root)) return root;
  const segs = root.rest === "" ? [] : root.rest.split("\\");
  const last = segs[segs.length - 1] ?? "";
  const tooGeneral =
    root.driveRoot &&
    (segs.length === 0 || (segs.length === 1 && (isWildcardOnly(last) || (hasWildcard(last) && opts.recursion === true))));
  if (tooGeneral) {
    return err(
      `"${path}" is too general: it would traverse the whole drive, which is slow, exceeds the limit of ${MAX_FILES_PER_MACHINE} files a machine and buries real changes in noise. Name the folder that holds the files, for example %windir%\\System32\\*.dll or ${example}.`,
    );
  }
  if (segs.length === 0) return [];
  const bad = new Set(segs.join("\\").match(WINDOWS_INVALID) ?? []);
  if (bad.size > 0) {
    return err(
      `Windows file names cannot contain ${[...bad].join(" ")}. Remove ${bad.size === 1 ? "it" : "them"} from the path (":" is allowed only after the drive letter).`,
    );
  }
  const seg = segmentErrors(segs, "\\", example, field);
  return seg.length > 0 ? seg : recursionErrors(last, opts, example);
}

export function validateLinuxPath(path: string, opts: PathOptions = {}): ValidationResult {
  return toResult(linuxPathErrors(path, opts));
}

export function validateWindowsPath(path: string, opts: PathOptions = {}): ValidationResult {
  return toResult(windowsPathErrors(path, opts));
}

export function serviceNameErrors(name: string, field = "path"): FieldError[] {
  const err = (message: string) => [{ field, message }];
  if (name.trim() === "") return err("Enter the service name (its short name, as `sc query` shows it), for example wuauserv.");
  if (name !== name.trim()) return err("Remove the leading or trailing spaces from the service name.");
  if (/[\\/]/.test(name))
    return err("Service names cannot contain / or \\. Enter the service's short name, for example wuauserv, not the path of its program.");
  if (CONTROL_CHARS.test(name)) return err("The service name contains a control character; remove it.");
  if (name.length > MAX_SERVICE_NAME_LENGTH) return err(`Service names are at most ${MAX_SERVICE_NAME_LENGTH} characters.`);
  return [];
}

export function validateServiceName(name: string): ValidationResult {
  return toResult(serviceNameErrors(name));
}

export function frequencyErrors(sec: number, field = "frequencySec"): FieldError[] {
  if (!Number.isInteger(sec) || sec < MIN_SERVICE_FREQUENCY_SEC || sec > MAX_SERVICE_FREQUENCY_SEC) {
    return [
      {
        field,
        message: `Collect service state every ${MIN_SERVICE_FREQUENCY_SEC} to ${MAX_SERVICE_FREQUENCY_SEC} seconds (30 minutes), in whole seconds; ${sec} is not allowed.`,
      },
    ];
  }
  return [];
}

export function validateFrequency(sec: number): ValidationResult {
  return toResult(frequencyErrors(sec));
}

export type ExpandResult = { ok: true; path: string } | { ok: false; error: string };

/**
 * Expands %VAR% (case-insensitive names, as on Windows) with the machine's environment. Runs at inventory time:
 * save-time validation accepts any variable, so an unknown one, or one whose value makes the path invalid, is
 * reported here as an error string for the machine's status (walkthrough: "validation will succeed but the path
 * will fail when inventory runs").
 */
export function expandWindowsPath(path: string, env: Record<string, string>): ExpandResult {
  const lookup = new Map<string, string>();
  for (const [k, v] of Object.entries(env)) lookup.set(k.toLowerCase(), v);
  const used: string[] = [];
  const missing: string[] = [];
  const expanded = path.replace(/%([A-Za-z_][A-Za-z0-9_()]*)%/g, (whole, name: string) => {
    const value = lookup.get(name.toLowerCase());
    if (value === undefined) {
      missing.push(whole);
      return whole;
    }
    used.push(whole);
    return value;
  });
  if (missing.length > 0) {
    const what = missing.length === 1 ? `Environment variable ${missing[0]} is` : `Environment variables ${missing.join(", ")} are`;
    return { ok: false, error: `${what} not defined on this machine, so "${path}" cannot be resolved.` };
  }
  const errors = windowsPathErrors(expanded);
  if (errors.length === 0 && !DRIVE_PREFIX.test(expanded))
    errors.push({ field: "path", message: "it does not start with a drive letter." });
  if (errors.length > 0) {
    const how = used.length > 0 ? `${used.join(", ")} expands "${path}" to "${expanded}", which` : `"${path}"`;
    return { ok: false, error: `${how} is not a valid path: ${errors[0].message}` };
  }
  return { ok: true, path: expanded };
}

const isWindowsLike = (path: string) => DRIVE_PREFIX.test(path) || path.startsWith("%");

/** Whole-entity validation by kind; fields that do not apply to the kind must be left at their defaults. */
export function validateEntity(d: EntityDraft): ValidationResult {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const refuseInvisible = (field: string, value: string, label: string) => {
    const error = invisibleNameError(value, label);
    if (error) add(field, error);
  };
  const itemName = typeof d.itemName === "string" ? d.itemName : "";
  if (itemName.trim() === "") add("itemName", "Enter an item name: a short label that identifies this entry, for example passwd.");
  else if (itemName.length > MAX_ITEM_NAME_LENGTH)
    add("itemName", `The item name is at most ${MAX_ITEM_NAME_LENGTH} characters; shorten it.`);
  else refuseInvisible("itemName", itemName, "The item name");
  if (d.group !== undefined && d.group.length > MAX_GROUP_LENGTH)
    add("group", `The group name is at most ${MAX_GROUP_LENGTH} characters; shorten it.`);
  else if (d.group) refuseInvisible("group", d.group, "The group name");
  if (typeof d.path === "string" && d.path.trim() !== "") refuseInvisible("path", d.path, "The path");
  const path = typeof d.path === "string" ? d.path : "";
  const opts: PathOptions = { pathType: d.pathType, recursion: d.recursion };
  const linux = d.kind === "LINUX_FILE" || (d.kind === "FILE_CONTENT" && path.startsWith("/"));
  const files = d.kind === "WINDOWS_FILE" || d.kind === "LINUX_FILE" || d.kind === "FILE_CONTENT";

  switch (d.kind) {
    case "WINDOWS_FILE":
      if (d.pathType !== "FILE" && d.pathType !== "FOLDER") {
        add(
          "pathType",
          d.pathType === "DIRECTORY"
            ? "Windows entries use path type Folder (Directory is the Linux name); choose File or Folder."
            : "Choose a path type: File or Folder.",
        );
      }
      errors.push(...windowsPathErrors(path, opts));
      break;
    case "LINUX_FILE":
      if (d.pathType !== "FILE" && d.pathType !== "DIRECTORY") {
        add(
          "pathType",
          d.pathType === "FOLDER"
            ? "Linux entries use path type Directory (Folder is the Windows name); choose File or Directory."
            : "Choose a path type: File or Directory.",
        );
      }
      errors.push(...linuxPathErrors(path, opts));
      break;
    case "FILE_CONTENT":
      if (d.pathType != null && d.pathType !== "FILE") {
        add(
          "pathType",
          "Content is uploaded file by file: choose path type File, with a wildcard in the last segment to select several files.",
        );
      }
      if (d.uploadContent !== true) add("uploadContent", "A file content entry uploads the file's content: turn on Upload file content.");
      if (linux) errors.push(...linuxPathErrors(path, opts));
      else if (isWindowsLike(path) || path.trim() === "") errors.push(...windowsPathErrors(path, opts));
      else
        add(
          "path",
          "Enter the path of a Linux file (starting with /) or a Windows file (starting with C:\\ or a variable such as %windir%).",
        );
      break;
    case "WINDOWS_REGISTRY":
      errors.push(...registryKeyErrors(path));
      if ((d.valueName ?? "").length > MAX_VALUE_NAME_LENGTH)
        add("valueName", `Registry value names are at most ${MAX_VALUE_NAME_LENGTH} characters.`);
      break;
    case "WINDOWS_SERVICE":
      errors.push(...serviceNameErrors(path));
      if (d.frequencySec != null) errors.push(...frequencyErrors(d.frequencySec));
      break;
    default:
      add("kind", "Unknown entity kind: choose Windows registry, Windows files, Linux files, File content or Windows services.");
      return toResult(errors);
  }

  // Links MANAGE tracks the link itself, never what it points to, so there is no content to upload.
  if (linux && d.links === "MANAGE" && d.uploadContent === true) {
    add(
      "uploadContent",
      "Links set to Manage tracks the symbolic link itself, whose content cannot be uploaded. Set Links to Follow, or turn off Upload file content.",
    );
  }
  if (d.pathType != null && !files) add("pathType", "Path type applies only to file entries; leave it empty.");
  if (d.recursion === true && d.kind === "WINDOWS_SERVICE") add("recursion", "Recursion does not apply to services; turn it off.");
  if (d.useSudo === true && !linux) add("useSudo", "Use Sudo applies only to Linux files; turn it off.");
  if (d.links != null && !linux) add("links", "Links applies only to Linux files; leave it empty.");
  if (d.uploadContent === true && !files) add("uploadContent", "Only file content can be uploaded; turn off Upload file content.");
  if ((d.valueName ?? "") !== "" && d.kind !== "WINDOWS_REGISTRY")
    add("valueName", "Value name applies only to registry entries; leave it empty.");
  if (d.frequencySec != null && d.kind !== "WINDOWS_SERVICE")
    add("frequencySec", "Collection frequency applies only to Windows services; leave it empty.");
  return toResult(errors);
}

/** The path as it should be stored: registry hives in long form (one spelling per key keeps @@unique meaningful). */
export function canonicalPath(d: Pick<EntityDraft, "kind" | "path">): string {
  return d.kind === "WINDOWS_REGISTRY" ? normalizeRegistryKey(d.path, "long") : d.path;
}
