"use client";

import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

/** "Could not load the …: why. [Try again]": the one error bar of a query that failed. */
export function LoadError({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        Could not load {what}: {error.message}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          Try again
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
