"use client";

import { Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, ToolbarButton, Tooltip } from "@fluentui/react-components";
import { ClockRegular } from "@fluentui/react-icons";

/** The Logs blade's time ranges, as ISO 8601 durations (the query endpoint's `timespan`). */
export const TIME_RANGES = [
  { timespan: "PT30M", label: "Last 30 minutes" },
  { timespan: "PT1H", label: "Last hour" },
  { timespan: "PT4H", label: "Last 4 hours" },
  { timespan: "PT12H", label: "Last 12 hours" },
  { timespan: "PT24H", label: "Last 24 hours" },
  { timespan: "PT48H", label: "Last 48 hours" },
  { timespan: "P3D", label: "Last 3 days" },
  { timespan: "P7D", label: "Last 7 days" },
  { timespan: "P30D", label: "Last 30 days" },
] as const;
export const DEFAULT_TIMESPAN = "PT24H";

export const timeRangeLabel = (timespan: string) => TIME_RANGES.find((r) => r.timespan === timespan)?.label ?? timespan;

/** Whether the query filters on TimeGenerated itself: then, as in the Logs blade, the picker says "Set in query". */
export const filtersTimeItself = (query: string) => /\bwhere\b[^|]*\bTimeGenerated\b/i.test(query);

/** The command bar's time range; the server applies it unless the query filters on TimeGenerated itself. */
export function TimeRangePicker({ timespan, query, onChange }: { timespan: string; query: string; onChange: (t: string) => void }) {
  const inQuery = filtersTimeItself(query);
  const button = (
    <ToolbarButton icon={<ClockRegular />}>
      Time range : <strong style={{ marginLeft: 4 }}>{inQuery ? "Set in query" : timeRangeLabel(timespan)}</strong>
    </ToolbarButton>
  );
  return (
    <Menu checkedValues={{ timespan: [timespan] }} onCheckedValueChange={(_e, d) => d.checkedItems[0] && onChange(d.checkedItems[0])}>
      <MenuTrigger disableButtonEnhancement>
        {inQuery ? (
          <Tooltip content="The query filters on TimeGenerated: its own filter applies, not this range." relationship="description">
            {button}
          </Tooltip>
        ) : (
          button
        )}
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {TIME_RANGES.map((r) => (
            <MenuItemRadio key={r.timespan} name="timespan" value={r.timespan}>
              {r.label}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
