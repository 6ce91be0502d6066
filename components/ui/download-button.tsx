"use client";

import type { ReactElement } from "react";
import { Button, ToolbarButton } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";

/**
 * A download as a link (`<a download>`): the browser saves the file as the server streams it, under the name the
 * server gives it. In a command bar it is a toolbar button; beside a list's search box, a subtle button.
 */
export function DownloadButton(props: { href: string; label?: string; icon?: ReactElement; toolbar?: boolean }) {
  const label = props.label ?? "Download CSV";
  const icon = props.icon ?? <ArrowDownloadRegular />;
  return props.toolbar ? (
    <ToolbarButton as="a" href={props.href} download icon={icon}>
      {label}
    </ToolbarButton>
  ) : (
    <Button as="a" href={props.href} download appearance="subtle" icon={icon}>
      {label}
    </Button>
  );
}
