"use client";

import type { ReactNode } from "react";
import { makeStyles, tokens, Toolbar } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { background: tokens.colorNeutralBackground1, padding: "0 16px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

/** The command bar under a page's title, as every portal blade has it. */
export function CommandBar({ label, children }: { label: string; children: ReactNode }) {
  const s = useStyles();
  return (
    <Toolbar className={s.root} aria-label={label}>
      {children}
    </Toolbar>
  );
}
