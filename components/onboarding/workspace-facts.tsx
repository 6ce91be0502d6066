"use client";

import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "200px 1fr",
    rowGap: "8px",
    columnGap: "16px",
    margin: 0,
    fontSize: "14px",
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

/** The "Essentials" block of an Azure blade: label / value pairs. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  const s = useStyles();
  return (
    <dl className={s.grid}>
      {items.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt className={s.term}>{label}</dt>
          <dd className={s.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
