"use client";

import { useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  OptionGroup,
  OverlayDrawer,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { TEntity } from "@/lib/contracts/entities";
import { ENTITY_KIND_LABEL } from "@/lib/domain/types";
import { ApiError } from "@/lib/client/fetch-json";
import { useUpdateEntity } from "@/lib/client/entities";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: "16px", "& > *": { flexShrink: 0 } },
  footer: { display: "flex", gap: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "12px" },
  muted: { color: tokens.colorNeutralForeground3 },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "12px",
    color: tokens.colorNeutralForeground3,
    display: "block",
    wordBreak: "break-all",
  },
});

/**
 * Add on the File content tab: choose a tracked Windows or Linux file whose content is uploaded from now on. It is
 * the entity's Upload file content field, so the scanner of that file reads it directly.
 */
export function ContentAddPanel({
  workspaceId,
  candidates,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  candidates: TEntity[];
  onClose: () => void;
  onSaved: (m: string) => void;
}) {
  const s = useStyles();
  const [selected, setSelected] = useState<TEntity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateEntity(workspaceId);
  const groups = (["WINDOWS_FILE", "LINUX_FILE"] as const).map((kind) => ({ kind, rows: candidates.filter((c) => c.kind === kind) }));

  const save = () => {
    if (!selected) return setError("Choose a tracked file whose content is uploaded.");
    update.mutate(
      { id: selected.id, patch: { uploadContent: true, version: selected.updatedAt } },
      {
        onSuccess: () => onSaved(`The content of "${selected.itemName}" is uploaded from its next scan.`),
        onError: (e) => setError(e instanceof ApiError && e.fields[0] ? e.fields[0].message : e.message),
      },
    );
  };

  return (
    <OverlayDrawer position="end" size="medium" open onOpenChange={(_, d) => !d.open && onClose()} aria-label="Add for Change Tracking">
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>
          Add for Change Tracking
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={s.body}>
        <Text className={s.muted}>
          The content of the chosen file is uploaded at each change, at most 5 MB a file, so that the change details show a before/after
          diff. Larger files are tracked by their SHA-256 only.
        </Text>
        {error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Not saved</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
        {candidates.length === 0 ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              Every tracked file already has its content uploaded. Add a file on the Windows files or Linux Files tab first.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <Field label="Tracked file" required hint="A Windows files or Linux Files entry.">
            <Dropdown
              placeholder="Choose a tracked file"
              value={selected ? `${selected.itemName} (${selected.path})` : ""}
              selectedOptions={selected ? [selected.id] : []}
              onOptionSelect={(_, d) => {
                setSelected(candidates.find((c) => c.id === d.optionValue) ?? null);
                setError(null);
              }}
            >
              {groups.map(
                (g) =>
                  g.rows.length > 0 && (
                    <OptionGroup key={g.kind} label={ENTITY_KIND_LABEL[g.kind]}>
                      {g.rows.map((c) => (
                        <Option key={c.id} value={c.id} text={`${c.itemName} (${c.path})`}>
                          <span>
                            {c.itemName}
                            <span className={s.path}>{c.path}</span>
                          </span>
                        </Option>
                      ))}
                    </OptionGroup>
                  ),
              )}
            </Dropdown>
          </Field>
        )}
      </DrawerBody>
      <DrawerFooter className={s.footer}>
        <Button
          appearance="primary"
          onClick={save}
          disabled={update.isPending || candidates.length === 0}
          icon={update.isPending ? <Spinner size="tiny" /> : undefined}
        >
          Save
        </Button>
        <Button onClick={onClose} disabled={update.isPending}>
          Discard
        </Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
