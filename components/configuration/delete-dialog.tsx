"use client";

import { Button } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import type { TEntity } from "@/lib/contracts/entities";
import { ENTITY_KIND_LABEL } from "@/lib/domain/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Delete, with a confirmation that says what happens. On the File content tab, deleting removes the file from the
 * content upload only: the entry stays tracked on its own tab.
 */
export function DeleteEntityButton({
  entity,
  fromFileContent,
  pending,
  onConfirm,
}: {
  entity: TEntity;
  fromFileContent: boolean;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button icon={<DeleteRegular />} disabled={pending}>
          Delete
        </Button>
      }
      title={fromFileContent ? "Delete from File content" : "Delete entity"}
      confirmLabel="Delete"
      onConfirm={onConfirm}
      pending={pending}
    >
      {fromFileContent ? (
        <>
          The content of <strong>{entity.itemName}</strong> ({entity.path}) will no longer be uploaded. The file stays tracked on the{" "}
          {ENTITY_KIND_LABEL[entity.kind]} tab, by its SHA-256.
        </>
      ) : (
        <>
          Delete <strong>{entity.itemName}</strong> ({entity.path}
          {entity.valueName ? `, value ${entity.valueName}` : ""})? File integrity monitoring stops tracking it on every machine of the
          workspace at the next scan and drops its baseline. Changes already recorded stay in the history.
        </>
      )}
    </ConfirmDialog>
  );
}
