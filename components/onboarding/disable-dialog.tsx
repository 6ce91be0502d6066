"use client";

import { useRouter } from "next/navigation";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  ToolbarButton,
} from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import { useDisableFim } from "./queries";

/** Disable, then Remove in a confirmation: removes the Change Tracking configuration of the workspace. */
export function DisableFimButton({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const router = useRouter();
  const disable = useDisableFim();
  return (
    <Dialog modalType="alert" onOpenChange={() => disable.reset()}>
      <DialogTrigger disableButtonEnhancement>
        <ToolbarButton icon={<DeleteRegular />}>Disable</ToolbarButton>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Disable file integrity monitoring</DialogTitle>
          <DialogContent>
            Disabling removes the Change Tracking solution from <strong>{workspaceName}</strong>: collection stops on every
            machine of the workspace and its tracked entities are removed. The change history stays readable.
            {disable.isError && (
              <MessageBar intent="error" style={{ marginTop: 12 }}>
                <MessageBarBody>{disable.error.message}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={disable.isPending}
              icon={disable.isPending ? <Spinner size="tiny" /> : undefined}
              onClick={() => disable.mutate({ id: workspaceId }, { onSuccess: () => router.push("/fim") })}
            >
              Remove
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={disable.isPending}>Cancel</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
