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
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
} from "@fluentui/react-components";
import { ZTokenCreateBody, type TTokenCreated } from "@/lib/contracts/tokens";
import { ApiError } from "@/lib/client/fetch-json";
import { useCreateToken } from "@/lib/client/tokens";

const useStyles = makeStyles({ form: { display: "flex", flexDirection: "column", gap: "16px" } });

export const EXPIRY_CHOICES = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 180, label: "180 days" },
  { days: 366, label: "1 year" },
  { days: null, label: "No expiration" },
] as const;

/** New token: a name and an expiry, validated with the API's own schema before it is sent. */
export function NewTokenDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (t: TTokenCreated) => void;
}) {
  const s = useStyles();
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [days, setDays] = useState<number | null>(30);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const reset = () => {
    setName("");
    setDays(30);
    setErrors({});
    create.reset();
  };

  const submit = () => {
    const parsed = ZTokenCreateBody.safeParse({ name, expiresInDays: days });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        reset();
        onCreated(created);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.fields.length) setErrors(Object.fromEntries(err.fields.map((f) => [f.field, f.message])));
      },
    });
  };

  const label = EXPIRY_CHOICES.find((c) => c.days === days)?.label ?? "";
  const serverError = create.error && !(create.error instanceof ApiError && create.error.fields.length) ? create.error.message : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        if (!d.open) {
          reset();
          onClose();
        }
      }}
    >
      <DialogSurface aria-describedby={undefined}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>New API token</DialogTitle>
            <DialogContent className={s.form}>
              <Field label="Name" required validationMessage={errors.name} hint="What uses it, e.g. a script or a pipeline.">
                <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={100} autoFocus />
              </Field>
              <Field label="Expiration" validationMessage={errors.expiresInDays}>
                <Dropdown
                  value={label}
                  selectedOptions={[String(days)]}
                  onOptionSelect={(_, d) => setDays(d.optionValue === "null" ? null : Number(d.optionValue))}
                >
                  {EXPIRY_CHOICES.map((c) => (
                    <Option key={c.label} value={String(c.days)}>
                      {c.label}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              {serverError && (
                <MessageBar intent="error">
                  <MessageBarBody>{serverError}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabled={create.isPending}
                icon={create.isPending ? <Spinner size="tiny" /> : undefined}
              >
                Create token
              </Button>
              <Button
                onClick={() => {
                  reset();
                  onClose();
                }}
              >
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
