"use client";

import { useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  OverlayDrawer,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { TEntity, TEntityDraft, TEntityPatchBody } from "@/lib/contracts/entities";
import type { CreatableKind as TCreatableKind } from "@/lib/domain/types";
import { ApiError } from "@/lib/client/fetch-json";
import { CollectionStatus } from "./collection-status";
import { DeleteEntityButton } from "./delete-dialog";
import { EntityFields } from "./entity-fields";
import { PreviewSection } from "./preview-section";
import { useCreateEntity, useDeleteEntity, useUpdateEntity } from "@/lib/client/entities";
import { draftErrors, draftOf, emptyDraft, issuesToErrors, type FieldErrors } from "./tabs";

const useStyles = makeStyles({
  // Children keep their height: in a scrolling column, flex items would otherwise shrink and overlap.
  body: { display: "flex", flexDirection: "column", gap: "16px", paddingBottom: "16px", "& > *": { flexShrink: 0 } },
  footer: { display: "flex", gap: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "12px" },
  spacer: { flexGrow: 1 },
});

export type PanelTarget = { type: "add"; kind: TCreatableKind } | { type: "edit"; entity: TEntity; fromFileContent: boolean };

type Props = {
  workspaceId: string;
  target: PanelTarget;
  canEdit: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
};

/** Only the fields that differ, so an edit never overwrites a field it did not touch. */
function patchOf(before: TEntityDraft, after: TEntityDraft): TEntityPatchBody {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (k !== "kind" && before[k as keyof TEntityDraft] !== v) patch[k] = v;
  return patch as TEntityPatchBody;
}

/** Add for Change Tracking and Edit for Change Tracking: the panel on the right, as in the Azure portal. */
export function EntityPanel({ workspaceId, target, canEdit, onClose, onSaved }: Props) {
  const s = useStyles();
  const initial = target.type === "add" ? emptyDraft(target.kind) : draftOf(target.entity);
  const [draft, setDraft] = useState<TEntityDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<{ title: string; message: string } | null>(null);
  const create = useCreateEntity(workspaceId);
  const update = useUpdateEntity(workspaceId);
  const remove = useDeleteEntity(workspaceId);
  const pending = create.isPending || update.isPending || remove.isPending;
  const readOnly = !canEdit || pending;
  const title = target.type === "add" ? "Add for Change Tracking" : "Edit for Change Tracking";

  const change = (patch: Partial<TEntityDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    // Once Save was tried, the messages follow the input; before, the user is left to type in peace.
    if (tried) setErrors(draftErrors(next));
  };

  const failed = (e: Error) => {
    if (!(e instanceof ApiError)) {
      // No answer from the server: whether the change landed is unknown, so say so rather than "not saved".
      setServerError({
        title: "No answer from the server",
        message: "The change may not have been saved. Close the panel and select Refresh to see the current state.",
      });
      return;
    }
    setServerError({ title: "Not saved", message: e.message });
    if (e.fields.length > 0) setErrors(issuesToErrors(e.fields));
  };

  const save = () => {
    setTried(true);
    setServerError(null);
    const found = draftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return; // nothing is sent: the server would refuse the same
    if (target.type === "add") {
      const { kind: _kind, ...rest } = draft;
      create.mutate(
        { ...rest, kind: target.kind },
        { onSuccess: (e) => onSaved(`Added "${e.itemName}". The scanner picks it up on its next pass.`), onError: failed },
      );
      return;
    }
    const patch = patchOf(initial, draft);
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { id: target.entity.id, patch: { ...patch, version: target.entity.updatedAt } },
      { onSuccess: (e) => onSaved(`Saved "${e.itemName}". The scanner picks up the change on its next pass.`), onError: failed },
    );
  };

  const deleteEntity = () => {
    if (target.type !== "edit") return;
    const { entity } = target;
    if (target.fromFileContent) {
      update.mutate(
        { id: entity.id, patch: { uploadContent: false, version: entity.updatedAt } },
        { onSuccess: () => onSaved(`The content of "${entity.itemName}" is no longer uploaded.`), onError: failed },
      );
    } else {
      remove.mutate(entity.id, { onSuccess: () => onSaved(`Deleted "${entity.itemName}".`), onError: failed });
    }
  };

  const file = draft.kind === "WINDOWS_FILE" || draft.kind === "LINUX_FILE";
  return (
    <OverlayDrawer position="end" size="medium" open onOpenChange={(_, d) => !d.open && onClose()} aria-label={title}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={s.body}>
        {!canEdit && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              You can view this entity. Only Owners and Contributors of a workspace with file integrity monitoring enabled can change it.
            </MessageBarBody>
          </MessageBar>
        )}
        {serverError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{serverError.title}</MessageBarTitle>
              {serverError.message}
            </MessageBarBody>
          </MessageBar>
        )}
        <EntityFields draft={draft} errors={errors} onChange={change} readOnly={readOnly} />
        {file && canEdit && <PreviewSection workspaceId={workspaceId} rule={draft} onFieldErrors={setErrors} />}
        {target.type === "edit" && <CollectionStatus entity={target.entity} />}
      </DrawerBody>
      <DrawerFooter className={s.footer}>
        {canEdit ? (
          <>
            <Button
              appearance="primary"
              onClick={save}
              disabled={pending}
              icon={create.isPending || update.isPending ? <Spinner size="tiny" /> : undefined}
            >
              Save
            </Button>
            <Button onClick={onClose} disabled={pending}>
              Discard
            </Button>
            <span className={s.spacer} />
            {target.type === "edit" && (
              <DeleteEntityButton
                entity={target.entity}
                fromFileContent={target.fromFileContent}
                pending={pending}
                onConfirm={deleteEntity}
              />
            )}
          </>
        ) : (
          <Button onClick={onClose}>Close</Button>
        )}
      </DrawerFooter>
    </OverlayDrawer>
  );
}
