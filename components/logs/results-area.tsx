"use client";

import { useState } from "react";
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Tab,
  TabList,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DataLineRegular, TableRegular } from "@fluentui/react-icons";
import { ResultsChart } from "./results-chart";
import { ResultsTable } from "./results-table";
import { timeChartOf, type ResultTable } from "./result-model";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: 0,
    flexGrow: 1,
    background: tokens.colorNeutralBackground1,
    position: "relative",
  },
  bar: { display: "flex", alignItems: "center", gap: "8px", padding: "0 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  body: { display: "flex", flexDirection: "column", minHeight: 0, flexGrow: 1 },
  busy: { position: "absolute", top: 0, left: 0, right: 0 },
  empty: { padding: "48px 24px", textAlign: "center", color: tokens.colorNeutralForeground3 },
  message: { margin: "8px" },
});

export type RunOutcome =
  | { kind: "none" }
  | { kind: "ok"; query: string; table: ResultTable; truncated: boolean; elapsedMs: number; runId: number }
  | { kind: "error"; message: string; where: string | null };

/** Under the editor: the message bar of a refused query, or the answer as a table and, for a time bin, a chart. */
export function ResultsArea({ outcome, running }: { outcome: RunOutcome; running: boolean }) {
  const s = useStyles();
  const [view, setView] = useState<"table" | "chart">("table");
  const chart = outcome.kind === "ok" ? timeChartOf(outcome.query, outcome.table) : null;
  const shown = chart ? view : "table";
  return (
    <section className={s.root} aria-label="Results" aria-busy={running}>
      {running && <ProgressBar className={s.busy} thickness="medium" aria-label="Running the query" />}
      <div className={s.bar}>
        <TabList size="small" selectedValue={shown} onTabSelect={(_e, d) => setView(d.value as "table" | "chart")}>
          <Tab value="table" icon={<TableRegular />}>
            Results
          </Tab>
          <Tab value="chart" icon={<DataLineRegular />} disabled={!chart}>
            Chart
          </Tab>
        </TabList>
      </div>
      {outcome.kind === "error" && (
        <MessageBar intent="error" className={s.message} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The query could not run</MessageBarTitle>
            {outcome.message}
            {outcome.where && <div>{outcome.where}</div>}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome.kind === "ok" && outcome.truncated && (
        <MessageBar intent="warning" className={s.message}>
          <MessageBarBody>
            Only the first {outcome.table.rows.length.toLocaleString("en-US")} rows are shown. Narrow the query to see the rest.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={s.body}>
        {outcome.kind === "none" && (
          <Text as="p" className={s.empty}>
            Write a query, or pick one of the saved queries, and choose Run (Shift+Enter) to see its results here.
          </Text>
        )}
        {outcome.kind === "ok" && shown === "table" && (
          <ResultsTable key={outcome.runId} table={outcome.table} elapsedMs={outcome.elapsedMs} />
        )}
        {outcome.kind === "ok" && shown === "chart" && chart && <ResultsChart chart={chart} />}
      </div>
    </section>
  );
}
