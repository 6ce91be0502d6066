"use client";

import type { ReactNode } from "react";
import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, OverlayDrawer } from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";

/** The portal's large panel from the right (as the Azure portal's blades): a title, a Close button, the content. */
export function SidePanel(props: { title: ReactNode; label: string; open?: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <OverlayDrawer
      position="end"
      size="large"
      open={props.open ?? true}
      onOpenChange={(_, d) => !d.open && props.onClose()}
      aria-label={props.label}
    >
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={props.onClose} />}>
          {props.title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{props.children}</DrawerBody>
    </OverlayDrawer>
  );
}
