"use client";

import { makeStyles, tokens } from "@fluentui/react-components";
import { splitHidden } from "@/lib/domain/visible-text";

const useStyles = makeStyles({
  code: {
    display: "inline-block",
    margin: "0 1px",
    padding: "0 3px",
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    background: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorPaletteDarkOrangeForeground2,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "0.85em",
    lineHeight: "1.2",
    whiteSpace: "nowrap",
  },
});

/**
 * User or agent text (a path, a key, a name) with its control and bidirectional characters shown as ⟨U+202E⟩
 * badges: a name made only of them stays visible and clickable, and none reorders the text around it.
 */
export function VisibleText({ text }: { text: string }) {
  const s = useStyles();
  const parts = splitHidden(text);
  if (parts.length === 1 && !parts[0].hidden) return <>{text}</>;
  return (
    <bdi>
      {parts.map((p, i) =>
        p.hidden ? (
          <span key={i} className={s.code} title={`Hidden character ${p.code}`}>
            ⟨{p.code}⟩
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </bdi>
  );
}
