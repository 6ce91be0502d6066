"use client";

import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { TContentDiff } from "@/lib/contracts/changes";
import { bytes } from "@/components/ui/format";

const useStyles = makeStyles({
  frame: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: "auto",
    maxHeight: "420px",
  },
  table: {
    width: "100%",
    borderCollapse: "collapse",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: "18px",
  },
  hunk: { background: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground3, padding: "2px 8px" },
  no: {
    width: "1%",
    minWidth: "36px",
    padding: "0 6px",
    textAlign: "right",
    color: tokens.colorNeutralForeground4,
    userSelect: "none",
    verticalAlign: "top",
  },
  sign: { width: "14px", padding: "0 4px", userSelect: "none", verticalAlign: "top" },
  text: { padding: "0 8px", whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  added: { background: tokens.colorPaletteGreenBackground2 },
  removed: { background: tokens.colorPaletteRedBackground2 },
  summary: { display: "flex", gap: "12px", marginBottom: "8px", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  plus: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  minus: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const WHY: Record<Exclude<TContentDiff["status"], "diff">, string> = {
  identical: "The uploaded content is the same before and after this change.",
  "too-different": "The two versions differ in too many lines to show a line diff.",
  binary: "The file is binary: there are no lines to compare.",
  missing: "The content of one of the versions is not available: it is no longer stored, or this machine never uploaded it.",
};

/** The before/after of a file's uploaded content, as a unified line diff with both versions' line numbers. */
export function ContentDiff({ diff }: { diff: TContentDiff }) {
  const s = useStyles();
  const sizes = `Before: ${bytes(diff.beforeSize) ?? "no content"} · After: ${bytes(diff.afterSize) ?? "no content"}`;
  if (diff.status !== "diff") {
    return (
      <div>
        <Text block>{WHY[diff.status]}</Text>
        <Text size={200}>{sizes}</Text>
      </div>
    );
  }
  return (
    <div>
      <div className={s.summary}>
        <span className={s.plus}>+{diff.added}</span>
        <span className={s.minus}>−{diff.removed}</span>
        <span>{sizes}</span>
      </div>
      <div className={s.frame}>
        <table className={s.table} aria-label="Content diff, before and after">
          <tbody>
            {diff.hunks.map((h) => (
              <HunkRows key={`${h.oldStart}-${h.newStart}`} hunk={h} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function HunkRows({ hunk }: { hunk: TContentDiff["hunks"][number] }) {
  const s = useStyles();
  return (
    <>
      <tr>
        <td colSpan={4} className={s.hunk}>
          @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
        </td>
      </tr>
      {hunk.lines.map((l, i) => {
        const cls = l.kind === "added" ? s.added : l.kind === "removed" ? s.removed : undefined;
        return (
          <tr key={i} className={cls} aria-label={l.kind === "same" ? undefined : `${l.kind === "added" ? "Added" : "Removed"} line`}>
            <td className={s.no}>{l.kind !== "added" ? l.oldNo : ""}</td>
            <td className={s.no}>{l.kind !== "removed" ? l.newNo : ""}</td>
            <td className={mergeClasses(s.sign)}>{l.kind === "added" ? "+" : l.kind === "removed" ? "−" : ""}</td>
            <td className={s.text}>{l.text}</td>
          </tr>
        );
      })}
    </>
  );
}
