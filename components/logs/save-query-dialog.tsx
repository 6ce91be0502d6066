"use client";

import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Textarea,
  ToolbarButton,
} from "@fluentui/react-components";
import { SaveRegular } from "@fluentui/react-icons";
import { useSaveQuery } from "@/lib/client/logs";
import { ApiError } from "@/lib/client/fetch-json";
import { timeRangeLabel } from "./time-range";

/** Save: the query in the editor and its time range, named, for everyone with a role on the workspace. */
export function SaveQueryDialog({
  workspaceId,
  query,
  timespan,
  canSave,
}: {
  workspaceId: string;
  query: string;
  timespan: string;
  /** Readers run saved queries but do not save them (the server refuses them too). */
  canSave: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const save = useSaveQuery(workspaceId);
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fields.find((f) => f.field === field)?.message : undefined;
  const submit = () =>
    save.mutate(
      { name, description, query, timespan },
      {
        onSuccess: () => {
          setOpen(false);
          setName("");
          setDescription("");
        },
      },
    );

  return (
    <Dialog
      open={open}
      onOpenChange={(_e, d) => {
        setOpen(d.open);
        save.reset();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <ToolbarButton
          icon={<SaveRegular />}
          disabled={!canSave || !query.trim()}
          title={canSave ? "Save as query" : "Your role on this workspace runs saved queries but does not save them."}
        >
          Save
        </ToolbarButton>
      </DialogTrigger>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>Save as query</DialogTitle>
            <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
              <Field label="Query name" required validationMessage={fieldError("name")}>
                <Input value={name} onChange={(_e, d) => setName(d.value)} maxLength={100} />
              </Field>
              <Field label="Description" validationMessage={fieldError("description")}>
                <Textarea value={description} onChange={(_e, d) => setDescription(d.value)} maxLength={500} resize="vertical" />
              </Field>
              <Field label="Time range" hint="Saved with the query; the query's own TimeGenerated filter wins.">
                <Input value={timeRangeLabel(timespan)} readOnly />
              </Field>
              {save.error && !fieldError("name") && !fieldError("description") && (
                <MessageBar intent="error">
                  <MessageBarBody>{save.error.message}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={!name.trim() || save.isPending}>
                Save
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button>Cancel</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
