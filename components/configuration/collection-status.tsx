"use client";

import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from "@fluentui/react-components";
import type { TEntity } from "@/lib/contracts/entities";

const useStyles = makeStyles({
  root: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "14px", display: "flex", flexDirection: "column", gap: "8px" },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: "14px", margin: 0 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: "12px" },
  list: { margin: "4px 0 0", paddingLeft: "18px" },
});

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/**
 * What the scanner reports for this entity on the machines of the workspace: items collected, and where collection
 * fails (the per-machine limit reached, an environment variable that does not resolve, permission denied).
 */
export function CollectionStatus({ entity }: { entity: TEntity }) {
  const s = useStyles();
  const c = entity.collection;
  return (
    <section className={s.root} aria-label="Collection status">
      <h3 className={s.title}>Collection status</h3>
      {c.machines === 0 ? (
        <Text className={s.muted}>
          {entity.enabled
            ? "Not collected yet: the baseline is taken on each machine at its next scan."
            : "Not collected while the entity is disabled."}
        </Text>
      ) : (
        <Text>
          {c.items.toLocaleString("en-US")} item{c.items === 1 ? "" : "s"} on {c.machines} machine{c.machines === 1 ? "" : "s"}
          {c.lastScanAt ? `, last scanned ${when(c.lastScanAt)}` : ""}.
        </Text>
      )}
      {c.failingCount > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              Collection fails on {c.failingCount} machine{c.failingCount === 1 ? "" : "s"}
            </MessageBarTitle>
            <ul className={s.list}>
              {c.failing.map((f) => (
                <li key={f.machine}>
                  {f.machine}: {f.error}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
