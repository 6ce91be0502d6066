"use client";

import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ChevronLeftRegular, ChevronRightRegular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "12px", padding: "8px 0", minHeight: "32px" },
  text: { color: tokens.colorNeutralForeground2, fontVariantNumeric: "tabular-nums" },
  buttons: { display: "flex", gap: "8px" },
});

/** Previous / next page buttons and what the page shows. */
export function Pager(props: {
  label: string;
  text: string;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  const s = useStyles();
  return (
    <nav className={s.root} aria-label={props.label}>
      <Text className={s.text} aria-live="polite">
        {props.text}
      </Text>
      <div className={s.buttons}>
        <Button size="small" icon={<ChevronLeftRegular />} disabled={!props.hasPrev || props.busy} onClick={props.onPrev}>
          Previous
        </Button>
        <Button
          size="small"
          icon={<ChevronRightRegular />}
          iconPosition="after"
          disabled={!props.hasNext || props.busy}
          onClick={props.onNext}
        >
          Next
        </Button>
      </div>
    </nav>
  );
}
