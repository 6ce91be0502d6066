"use client";

import { Dropdown, Field, Input, makeStyles, Option, Radio, RadioGroup, Switch, tokens } from "@fluentui/react-components";
import type { TEntityDraft } from "@/lib/contracts/entities";
import { MAX_SERVICE_FREQUENCY_SEC, MIN_SERVICE_FREQUENCY_SEC } from "@/lib/domain/paths";
import { frequencyText, type FieldErrors } from "./tabs";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "14px" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type Props = {
  draft: TEntityDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<TEntityDraft>) => void;
  readOnly: boolean;
};

const PATH_LABEL: Record<TEntityDraft["kind"], string> = {
  WINDOWS_REGISTRY: "Windows Registry Key",
  WINDOWS_FILE: "Path",
  LINUX_FILE: "Path",
  FILE_CONTENT: "Path",
  WINDOWS_SERVICE: "Service name",
};

const PATH_HINT: Record<TEntityDraft["kind"], string> = {
  WINDOWS_REGISTRY: "For example HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run (HKLM\\… is accepted).",
  WINDOWS_FILE: "For example %winDir%\\System32\\*.dll. Wildcards only in the last segment; a wildcard is required to track several files.",
  LINUX_FILE: "For example /etc/*.conf. Wildcards only in the last segment; a wildcard is required to track several files.",
  FILE_CONTENT: "The path of a tracked file.",
  WINDOWS_SERVICE: "The service's short name, as `sc query` shows it, for example wuauserv.",
};

const PATH_PLACEHOLDER: Record<TEntityDraft["kind"], string> = {
  WINDOWS_REGISTRY: "HKEY_LOCAL_MACHINE\\SOFTWARE\\…",
  WINDOWS_FILE: "C:\\folder\\*.ini",
  LINUX_FILE: "/etc/*.conf",
  FILE_CONTENT: "",
  WINDOWS_SERVICE: "wuauserv",
};

const err = (errors: FieldErrors, field: keyof TEntityDraft) =>
  errors[field] ? { validationState: "error" as const, validationMessage: errors[field] } : {};

/** The fields of Add/Edit for Change Tracking, those of the entity's kind only. */
/**
 * What each Links mode means. In every mode a link's own target and owner are recorded under the link's path, so a
 * retargeted link or `chown -h` is a change of the link.
 */
const LINKS_HINT: Record<"IGNORE" | "FOLLOW" | "MANAGE", string> = {
  IGNORE:
    "Ignore: each link is recorded as itself (its target and owner); nothing it points to is scanned. A rule path that is a link is still resolved.",
  FOLLOW:
    "Follow: a link's target is scanned under the link's path (content, owner, permissions), with the link's own target and owner; linked folders are scanned once.",
  MANAGE:
    "Manage: links are recorded as themselves, even a rule path that is a link; no content is read through them, so none can be uploaded.",
};

export function EntityFields({ draft, errors, onChange, readOnly }: Props) {
  const s = useStyles();
  const file = draft.kind === "WINDOWS_FILE" || draft.kind === "LINUX_FILE";
  const linux = draft.kind === "LINUX_FILE";
  const pathTypes = linux
    ? [
        ["FILE", "File"],
        ["DIRECTORY", "Directory"],
      ]
    : [
        ["FILE", "File"],
        ["FOLDER", "Folder"],
      ];
  const pathTypeLabel = pathTypes.find(([v]) => v === draft.pathType)?.[1] ?? "";
  const linksLabel = { IGNORE: "Ignore", FOLLOW: "Follow", MANAGE: "Manage" }[draft.links ?? "FOLLOW"];

  return (
    <div className={s.form}>
      <Field label="Enabled" {...err(errors, "enabled")}>
        <RadioGroup
          layout="horizontal"
          value={draft.enabled ? "true" : "false"}
          disabled={readOnly}
          onChange={(_, d) => onChange({ enabled: d.value === "true" })}
        >
          <Radio value="true" label="True" />
          <Radio value="false" label="False" />
        </RadioGroup>
      </Field>
      <Field label="Item Name" required {...err(errors, "itemName")}>
        <Input
          value={draft.itemName}
          disabled={readOnly}
          onChange={(_, d) => onChange({ itemName: d.value })}
          placeholder="A short label, for example sshd config"
        />
      </Field>
      <Field label="Group" {...err(errors, "group")}>
        <Input value={draft.group} disabled={readOnly} onChange={(_, d) => onChange({ group: d.value })} />
      </Field>
      <Field label={PATH_LABEL[draft.kind]} required hint={readOnly ? undefined : PATH_HINT[draft.kind]} {...err(errors, "path")}>
        <Input
          className={s.mono}
          value={draft.path}
          disabled={readOnly}
          spellCheck={false}
          placeholder={PATH_PLACEHOLDER[draft.kind]}
          onChange={(_, d) => onChange({ path: d.value })}
        />
      </Field>
      {file && (
        <Field label="Path Type" {...err(errors, "pathType")}>
          <Dropdown
            value={pathTypeLabel}
            selectedOptions={draft.pathType ? [draft.pathType] : []}
            disabled={readOnly}
            onOptionSelect={(_, d) => onChange({ pathType: d.optionValue as TEntityDraft["pathType"] })}
          >
            {pathTypes.map(([value, label]) => (
              <Option key={value} value={value}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {(file || draft.kind === "WINDOWS_REGISTRY") && (
        <Field label="Recursion" {...err(errors, "recursion")}>
          <Switch
            checked={draft.recursion}
            disabled={readOnly}
            label={draft.recursion ? "On" : "Off"}
            onChange={(_, d) => onChange({ recursion: d.checked })}
          />
        </Field>
      )}
      {linux && (
        <>
          <Field label="Use Sudo" {...err(errors, "useSudo")}>
            <Switch
              checked={draft.useSudo}
              disabled={readOnly}
              label={draft.useSudo ? "On" : "Off"}
              onChange={(_, d) => onChange({ useSudo: d.checked })}
            />
          </Field>
          <Field label="Links" hint={LINKS_HINT[draft.links ?? "FOLLOW"]} {...err(errors, "links")}>
            <Dropdown
              value={linksLabel}
              selectedOptions={[draft.links ?? "FOLLOW"]}
              disabled={readOnly}
              onOptionSelect={(_, d) => onChange({ links: d.optionValue as TEntityDraft["links"] })}
            >
              <Option value="IGNORE">Ignore</Option>
              <Option value="FOLLOW">Follow</Option>
              <Option value="MANAGE">Manage</Option>
            </Dropdown>
          </Field>
        </>
      )}
      {file && (
        <Field
          label="Upload file content"
          hint={readOnly ? undefined : "At most 5 MB a file; larger files are tracked by their SHA-256 only."}
          {...err(errors, "uploadContent")}
        >
          <Switch
            checked={draft.uploadContent}
            disabled={readOnly}
            label={draft.uploadContent ? "True" : "False"}
            onChange={(_, d) => onChange({ uploadContent: d.checked })}
          />
        </Field>
      )}
      {draft.kind === "LINUX_FILE" && (
        <Field
          label="Verify every scan"
          hint={
            readOnly
              ? undefined
              : "Read and hash every file on every scan. Off: unchanged files are read again a share at a time, each at least once per verification period (24 h)."
          }
          {...err(errors, "verifyEveryScan")}
        >
          <Switch
            checked={draft.verifyEveryScan === true}
            disabled={readOnly}
            label={draft.verifyEveryScan ? "True" : "False"}
            onChange={(_, d) => onChange({ verifyEveryScan: d.checked })}
          />
        </Field>
      )}
      {draft.kind === "WINDOWS_REGISTRY" && (
        <Field label="Value name" hint={readOnly ? undefined : "Leave empty to track the whole key."} {...err(errors, "valueName")}>
          <Input className={s.mono} value={draft.valueName} disabled={readOnly} onChange={(_, d) => onChange({ valueName: d.value })} />
        </Field>
      )}
      {draft.kind === "WINDOWS_SERVICE" && (
        <Field
          label="Frequency (seconds)"
          hint={`How often the service's state is collected: ${MIN_SERVICE_FREQUENCY_SEC} seconds to 30 minutes. Now every ${frequencyText(draft.frequencySec)}.`}
          {...err(errors, "frequencySec")}
        >
          <Input
            type="number"
            min={MIN_SERVICE_FREQUENCY_SEC}
            max={MAX_SERVICE_FREQUENCY_SEC}
            value={draft.frequencySec === null ? "" : String(draft.frequencySec)}
            disabled={readOnly}
            onChange={(_, d) => onChange({ frequencySec: d.value.trim() === "" ? null : Number(d.value) })}
          />
        </Field>
      )}
    </div>
  );
}
