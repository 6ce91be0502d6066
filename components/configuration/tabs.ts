// The five tabs of Workspace Configuration: which entities each lists, and how the editor names their fields.
import { ZEntityDraft, type TEntity, type TEntityDraft } from "@/lib/contracts/entities";
import { CREATABLE_KINDS, ENTITY_KIND_LABEL, type CreatableKind as TCreatableKind } from "@/lib/domain/types";
import {
  DEFAULT_SERVICE_FREQUENCY_SEC,
  MAX_FILES_PER_MACHINE,
  MAX_REGISTRY_KEYS_PER_MACHINE,
  MAX_SERVICES_PER_MACHINE,
} from "@/lib/domain/paths";

export type TabId = "registry" | "windows-files" | "linux-files" | "file-content" | "services";

export type TabDef = {
  id: TabId;
  label: string;
  /** The kind Add creates on this tab; File content adds to an existing file entity instead. */
  kind: TCreatableKind | null;
  /** What the tab says about collection and limits, under its toolbar. */
  about: string;
  empty: string;
};

export const TABS: readonly TabDef[] = [
  {
    id: "registry",
    label: ENTITY_KIND_LABEL.WINDOWS_REGISTRY,
    kind: "WINDOWS_REGISTRY",
    about: `Registry keys are collected every 50 minutes. A machine collects at most ${MAX_REGISTRY_KEYS_PER_MACHINE} registry keys.`,
    empty:
      "No registry keys are tracked. Select Add to track a key, such as HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run.",
  },
  {
    id: "windows-files",
    label: ENTITY_KIND_LABEL.WINDOWS_FILE,
    kind: "WINDOWS_FILE",
    about: `Windows files are collected every 30 minutes. A machine collects at most ${MAX_FILES_PER_MACHINE} files; wildcards go in the last segment only, as in C:\\folder\\*.ini.`,
    empty: "No Windows files are tracked. Select Add to track a file or folder, such as %windir%\\System32\\drivers\\etc\\hosts.",
  },
  {
    id: "linux-files",
    label: ENTITY_KIND_LABEL.LINUX_FILE,
    kind: "LINUX_FILE",
    about: `Linux files are collected every 15 minutes. A machine collects at most ${MAX_FILES_PER_MACHINE} files; wildcards go in the last segment only, as in /etc/*.conf.`,
    empty: "No Linux files are tracked. Select Add to track a file or directory, such as /etc/ssh/sshd_config.",
  },
  {
    id: "file-content",
    label: ENTITY_KIND_LABEL.FILE_CONTENT,
    kind: null,
    about:
      "The content of these tracked files is uploaded, at most 5 MB a file, so that a change can be shown as a before/after diff. Larger files are tracked by their SHA-256 only.",
    empty: "No file content is uploaded. Select Add to choose a tracked Windows or Linux file whose content is uploaded.",
  },
  {
    id: "services",
    label: ENTITY_KIND_LABEL.WINDOWS_SERVICE,
    kind: "WINDOWS_SERVICE",
    about: `The state of each service is collected every 10 seconds to 30 minutes, as set on its entry. A machine collects at most ${MAX_SERVICES_PER_MACHINE} services.`,
    empty: "No Windows services are tracked. Select Add to track a service by its name, such as wuauserv.",
  },
];

export const tabById = (id: string | null | undefined): TabDef => TABS.find((t) => t.id === id) ?? TABS[0];

const isFile = (e: Pick<TEntity, "kind">) => e.kind === "WINDOWS_FILE" || e.kind === "LINUX_FILE";

/**
 * The entities a tab lists. File content shows the tracked files whose content is uploaded, and any FILE_CONTENT
 * row written by other means (the scanners honour those too, so they must stay visible and deletable here).
 */
export function entitiesOfTab(tab: TabDef, entities: readonly TEntity[]): TEntity[] {
  if (tab.kind === null) return entities.filter((e) => (isFile(e) && e.uploadContent) || e.kind === "FILE_CONTENT");
  return entities.filter((e) => e.kind === tab.kind);
}

/** Files that could have their content uploaded (the File content tab's Add picks one). */
export const uploadCandidates = (entities: readonly TEntity[]) => entities.filter((e) => isFile(e) && !e.uploadContent);

export function emptyDraft(kind: TCreatableKind): TEntityDraft {
  const file = kind === "WINDOWS_FILE" || kind === "LINUX_FILE";
  return {
    kind,
    enabled: true,
    itemName: "",
    group: "Custom",
    path: "",
    pathType: file ? "FILE" : null,
    recursion: false,
    useSudo: false,
    links: kind === "LINUX_FILE" ? "FOLLOW" : null,
    uploadContent: false,
    valueName: "",
    frequencySec: kind === "WINDOWS_SERVICE" ? DEFAULT_SERVICE_FREQUENCY_SEC : null,
  };
}

export function draftOf(e: TEntity): TEntityDraft {
  const {
    kind,
    enabled,
    itemName,
    group,
    path,
    pathType,
    recursion,
    useSudo,
    links,
    uploadContent,
    verifyEveryScan,
    valueName,
    frequencySec,
  } = e;
  return {
    kind,
    enabled,
    itemName,
    group,
    path,
    pathType,
    recursion,
    useSudo,
    links,
    uploadContent,
    verifyEveryScan,
    valueName,
    frequencySec,
  };
}

export type FieldErrors = Partial<Record<keyof TEntityDraft | "form", string>>;

/** The client's validation: the server's schema, the first message of each field. */
export function draftErrors(draft: TEntityDraft): FieldErrors {
  const result = ZEntityDraft.safeParse(draft);
  return result.success ? {} : issuesToErrors(result.error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message })));
}

export function issuesToErrors(issues: readonly { field: string; message: string }[]): FieldErrors {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.field] ??= i.message;
  return out as FieldErrors;
}

export const isCreatable = (kind: string): kind is TCreatableKind => (CREATABLE_KINDS as readonly string[]).includes(kind);

export function frequencyText(sec: number | null): string {
  const s = sec ?? DEFAULT_SERVICE_FREQUENCY_SEC;
  if (s < 60) return `${s} seconds`;
  const min = s / 60;
  return Number.isInteger(min) ? `${min} minute${min === 1 ? "" : "s"}` : `${Math.floor(min)} min ${s % 60} s`;
}
