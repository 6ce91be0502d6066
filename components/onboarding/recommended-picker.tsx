"use client";

import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Checkbox, makeStyles, Text, tokens } from "@fluentui/react-components";
import { RECOMMENDED_GROUPS, recommendedKey } from "@/lib/domain/recommended";
import { normalizeRegistryKey } from "@/lib/domain/registry";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", padding: "4px 0 12px 8px" },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: "13px", wordBreak: "break-all" },
  count: { color: tokens.colorNeutralForeground3, marginLeft: "8px", fontWeight: tokens.fontWeightRegular },
  header: { fontWeight: tokens.fontWeightSemibold },
});

/** The recommended settings in three expandable groups, one checkbox per entity. */
export function RecommendedPicker({
  selected,
  onChange,
  disabled,
}: {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  disabled?: boolean;
}) {
  const s = useStyles();
  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    onChange(next);
  };
  return (
    <Accordion multiple collapsible>
      {RECOMMENDED_GROUPS.map(({ group, entities }) => {
        const keys = entities.map(recommendedKey);
        const checkedCount = keys.filter((k) => selected.has(k)).length;
        const groupState = checkedCount === keys.length ? true : checkedCount === 0 ? false : "mixed";
        return (
          <AccordionItem key={group} value={group}>
            <AccordionHeader size="large">
              <span className={s.header}>{group}</span>
              <span className={s.count}>
                {checkedCount} of {keys.length} selected
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <div className={s.panel} role="group" aria-label={group}>
                <Checkbox
                  label={<Text weight="semibold">Select all {group === "Registry" ? "Registry keys" : group}</Text>}
                  checked={groupState}
                  disabled={disabled}
                  onChange={(_, d) => toggle(keys, d.checked === true)}
                />
                {entities.map((e) => {
                  const key = recommendedKey(e);
                  return (
                    <Checkbox
                      key={key}
                      checked={selected.has(key)}
                      disabled={disabled}
                      onChange={(_, d) => toggle([key], d.checked === true)}
                      // Registry keys are shown as the walkthrough lists them (HKLM\...); they are stored in full.
                      label={
                        <span className={s.path}>{e.kind === "WINDOWS_REGISTRY" ? normalizeRegistryKey(e.path, "short") : e.path}</span>
                      }
                    />
                  );
                })}
              </div>
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
