"use client";

import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { DashboardPeriod } from "@/lib/domain/dashboard-period";
import { MACHINE_STATE_LABEL, MISSED_PERIODS } from "@/lib/domain/machine-state";
import { useMachine } from "@/lib/client/dashboard";
import { dateTime } from "@/components/ui/format";
import { VisibleText } from "@/components/ui/visible-text";

const useStyles = makeStyles({ list: { margin: "4px 0 0", paddingLeft: "18px" } });

/** The selected computer's state when it is not plainly Reporting: what is wrong and, for failing entities, why. */
export function MachineHealthBar({
  workspaceId,
  machineId,
  period,
}: {
  workspaceId: string;
  machineId: string | null;
  period: DashboardPeriod;
}) {
  const s = useStyles();
  const { data } = useMachine(workspaceId, machineId, period);
  if (!data || data.state === "REPORTING") return null;
  const title = MACHINE_STATE_LABEL[data.state];
  if (data.state === "NOT_COLLECTING")
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          File integrity monitoring is disabled on this workspace: nothing is collected from this computer until it is enabled again.
        </MessageBarBody>
      </MessageBar>
    );
  if (data.state === "NOT_REPORTING")
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {data.lastReportAt
            ? `No scan arrived for ${MISSED_PERIODS} collection periods; the last one on ${dateTime(data.lastReportAt)}.`
            : "This computer has not sent a scan yet."}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        Collection fails for {data.entityErrors.length === 1 ? "one entity" : `${data.entityErrors.length} entities`}; their changes are
        missing until it is fixed.
        <ul className={s.list} aria-label="Collection errors">
          {data.entityErrors.map((e) => (
            <li key={e.entity}>
              <strong>
                <VisibleText text={e.entity} />
              </strong>
              : <VisibleText text={e.error} />
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
