"use client";

import Link from "next/link";
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { DocumentDismissRegular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "center", gap: "12px", padding: "96px 24px", textAlign: "center" },
  icon: { color: tokens.colorNeutralForeground3 },
  title: { fontSize: "20px", fontWeight: tokens.fontWeightSemibold, margin: 0 },
  text: { color: tokens.colorNeutralForeground2, maxWidth: "520px" },
});

export function NotFoundNotice({ title, text }: { title: string; text: string }) {
  const s = useStyles();
  return (
    <div className={s.root}>
      <DocumentDismissRegular fontSize={48} className={s.icon} />
      <h1 className={s.title}>{title}</h1>
      <Text className={s.text}>{text}</Text>
      <Link href="/fim">Back to File integrity monitoring</Link>
    </div>
  );
}
