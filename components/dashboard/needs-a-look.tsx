"use client";

import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ErrorCircleRegular, EyeRegular } from "@fluentui/react-icons";
import type { TSummary } from "@/lib/contracts/summary";
import { ATTRIBUTION_LABEL, ATTRIBUTIONS, type Attribution } from "@/lib/domain/packages";
import { REVIEW_STATES, type ReviewState } from "@/lib/domain/types";
import { count, REVIEW_LABEL } from "@/components/ui/format";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "8px 20px",
    padding: "12px 16px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `4px solid ${tokens.colorPaletteDarkOrangeBorderActive}`,
    borderRadius: tokens.borderRadiusMedium,
    background: tokens.colorNeutralBackground1,
  },
  lead: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  group: { display: "flex", gap: "4px", alignItems: "center", flexWrap: "wrap" },
  label: { color: tokens.colorNeutralForeground3 },
});

/**
 * What needs a look, first on the dashboard: the period's unreviewed changes (and those that differ from the package
 * that installed the file, the most suspicious kind), then the breakdowns by review state and by attribution. Each
 * count opens the Changes tab filtered to it.
 */
export function NeedsALook(props: {
  summary: TSummary | undefined;
  onFilter: (f: { review?: ReviewState | null; attribution?: Attribution | null }) => void;
}) {
  const s = useStyles();
  const sum = props.summary;
  if (!sum) return null;
  const unreviewed = sum.byReview.Unreviewed;
  const differs = sum.byAttribution.DiffersFromPackage;
  return (
    <section className={s.root} aria-label="Needs a look">
      <Button
        appearance="transparent"
        icon={<EyeRegular />}
        className={s.lead}
        onClick={() => props.onFilter({ review: "Unreviewed", attribution: null })}
      >
        {count(unreviewed)} unreviewed change{unreviewed === 1 ? "" : "s"}
      </Button>
      {differs > 0 && (
        <Button
          appearance="transparent"
          icon={<ErrorCircleRegular />}
          onClick={() => props.onFilter({ review: null, attribution: "DiffersFromPackage" })}
        >
          {count(differs)} differ{differs === 1 ? "s" : ""} from the package that installed {differs === 1 ? "it" : "them"}
        </Button>
      )}
      <span className={s.group} aria-label="By review state">
        <Text className={s.label}>Review:</Text>
        {REVIEW_STATES.map((r) => (
          <Button key={r} size="small" appearance="subtle" onClick={() => props.onFilter({ review: r, attribution: null })}>
            {REVIEW_LABEL[r]} {count(sum.byReview[r])}
          </Button>
        ))}
      </span>
      <span className={s.group} aria-label="By attribution">
        <Text className={s.label}>Attribution:</Text>
        {ATTRIBUTIONS.map((a) => (
          <Button key={a} size="small" appearance="subtle" onClick={() => props.onFilter({ review: null, attribution: a })}>
            {ATTRIBUTION_LABEL[a]} {count(sum.byAttribution[a])}
          </Button>
        ))}
      </span>
    </section>
  );
}
