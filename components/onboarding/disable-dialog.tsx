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
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { useDisableFim, useWorkspace } from "@/lib/client/workspaces";

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
            Disabling removes the Change Tracking solution from <strong>{workspaceName}</strong>: collection stops on every machine of the
            workspace and its tracked entities are removed. The change history stays readable.
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
              // mutateAsync, not mutate's onSuccess: the refetch that follows success removes this dialog (FIM is off),
              // and a per-call callback of an unmounted component never runs.
              onClick={() =>
                disable.mutateAsync({ id: workspaceId }).then(
                  () => router.push("/fim"),
                  () => undefined, // shown in the dialog from the mutation's error
                )
              }
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

/** The Disable command of a workspace's command bar, shown to those whose role allows it (read from the live workspace). */
export function DisableFimCommand({ workspace }: { workspace: TWorkspaceDetails }) {
  const ws = useWorkspace(workspace.id, workspace).data ?? workspace;
  return ws.can.disable ? <DisableFimButton workspaceId={ws.id} workspaceName={ws.name} /> : null;
}
