"use client";

import { useEffect, useRef } from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from "@fluentui/react-components";
import { EyeRegular } from "@fluentui/react-icons";
import type { TEntityDraft, TPreviewMachine } from "@/lib/contracts/entities";
import { ApiError } from "@/lib/client/fetch-json";
import { usePreviewRule } from "@/lib/client/entities";
import { issuesToErrors, type FieldErrors } from "./tabs";

const useStyles = makeStyles({
  root: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "14px", display: "flex", flexDirection: "column", gap: "8px" },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: "14px", margin: 0 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: "12px" },
  list: {
    margin: 0,
    padding: "8px 12px",
    listStyle: "none",
    background: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "12px",
    maxHeight: "220px",
    overflowY: "auto",
    wordBreak: "break-all",
  },
  count: { fontWeight: tokens.fontWeightSemibold },
  machines: { margin: "4px 0", paddingLeft: "18px", fontSize: "12px" },
});

type Rule = Pick<TEntityDraft, "kind" | "path" | "pathType" | "recursion" | "links" | "useSudo">;
const ruleKey = (r: Rule) => JSON.stringify([r.kind, r.path, r.pathType, r.recursion, r.links, r.useSudo]);

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/** Where a machine's count comes from: the Vigil host's disk now, or the inventory the machine last reported. */
function sourceText(m: TPreviewMachine): string {
  if (m.source === "disk") return "read on its disk now";
  if (m.reportedAt) return `from what it last reported, on ${when(m.reportedAt)}`;
  return m.count > 0 ? "from its inventory" : "it has reported nothing yet";
}

/**
 * Preview: how many files a Linux rule matches on the workspace's Linux machines, from the inventory they last
 * reported (the Vigil host's own disk inside the folders its operator allows), and a sample, before it is saved.
 * Windows rules are resolved on each Windows machine, so the panel says so instead.
 */
export function PreviewSection({
  workspaceId,
  rule,
  onFieldErrors,
}: {
  workspaceId: string;
  rule: Rule;
  onFieldErrors: (e: FieldErrors) => void;
}) {
  const s = useStyles();
  const preview = usePreviewRule(workspaceId);
  const resultRef = useRef<HTMLDivElement>(null);
  // A result belongs to the rule it was asked for; editing the rule hides it.
  const shown = preview.variables !== undefined && ruleKey(preview.variables) === ruleKey(rule) ? preview : null;
  const data = shown?.data;
  // The result sits below the form: bring it into view when it arrives.
  useEffect(() => {
    if (data) resultRef.current?.scrollIntoView({ block: "nearest" });
  }, [data]);

  if (rule.kind === "WINDOWS_FILE") {
    return (
      <section className={s.root} aria-label="Preview">
        <h3 className={s.title}>Preview</h3>
        <Text className={s.muted}>
          Windows paths can&apos;t be previewed on this host: only Linux rules are previewed. Each Windows machine resolves the rule,
          environment variables included, at its next scan and reports what it cannot resolve.
        </Text>
      </section>
    );
  }

  const run = () =>
    preview.mutate(
      { kind: "LINUX_FILE", path: rule.path, pathType: rule.pathType, recursion: rule.recursion, links: rule.links, useSudo: rule.useSudo },
      { onError: (e) => e instanceof ApiError && e.fields.length > 0 && onFieldErrors(issuesToErrors(e.fields)) },
    );
  return (
    <section className={s.root} aria-label="Preview">
      <h3 className={s.title}>Preview</h3>
      <Text className={s.muted}>
        See how many files this rule matches on this workspace&apos;s Linux machines, from what they last reported, before you save it.
      </Text>
      <div>
        <Button
          icon={preview.isPending ? <Spinner size="tiny" /> : <EyeRegular />}
          disabled={preview.isPending || rule.path.trim() === ""}
          onClick={run}
        >
          Preview
        </Button>
      </div>
      {shown?.isError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{shown.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {data && !data.supported && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{data.reason}</MessageBarBody>
        </MessageBar>
      )}
      {data?.supported && (
        <div role="status" aria-label="Preview result" ref={resultRef}>
          <Text block>
            <span className={s.count}>
              {data.truncated ? "At least " : ""}
              {data.count.toLocaleString("en-US")} {data.count === 1 ? "file matches" : "files match"}
            </span>{" "}
            on {data.host}
            {data.truncated ? ` (${data.truncatedReason})` : ""}.
          </Text>
          {data.machines.length > 1 && (
            <ul className={s.machines} aria-label="Machines previewed">
              {data.machines.map((m) => (
                <li key={m.name}>
                  {m.name}: {m.count.toLocaleString("en-US")}, {sourceText(m)}
                </li>
              ))}
            </ul>
          )}
          {data.machines.length === 1 && (
            <Text className={s.muted}>
              {data.machines[0].name}: {sourceText(data.machines[0])}.
            </Text>
          )}
          {data.sample.length > 0 && (
            <ul className={s.list} aria-label="Matching files">
              {data.sample.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {data.sample.length < data.count && <Text className={s.muted}>Showing {data.sample.length} of them.</Text>}
          {data.notes.map((n) => (
            <MessageBar key={n} intent="warning" layout="multiline" style={{ marginTop: 6 }}>
              <MessageBarBody>{n}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
    </section>
  );
}
