"use client";

import { useEffect, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { Button, makeStyles, Spinner, tokens, ToolbarButton, ToolbarDivider, Tooltip } from "@fluentui/react-components";
import { ArrowDownloadRegular, DocumentTextRegular, PlayFilled } from "@fluentui/react-icons";
import { useExportQuery, useRecordRecentQuery, useRunQuery, useSavedQueries } from "@/lib/client/logs";
import { ApiError } from "@/lib/client/fetch-json";
import { CommandBar } from "@/components/ui/command-bar";
import { PageHeader } from "@/components/ui/page-header";
import { useThemeChoice } from "@/components/theme";
import type { QueryErrorMark } from "./kql-editor";
import { QueriesPane, type PickedQuery } from "./queries-pane";
import { ResultsArea, type RunOutcome } from "./results-area";
import { SaveQueryDialog } from "./save-query-dialog";
import { DEFAULT_TIMESPAN, TimeRangePicker } from "./time-range";

// Monaco runs in the browser only: the editor is never rendered on the server.
const KqlEditor = dynamic(() => import("./kql-editor").then((m) => m.KqlEditor), {
  ssr: false,
  loading: () => <Spinner size="tiny" label="Loading the query editor" style={{ padding: 24 }} />,
});

const useStyles = makeStyles({
  // The blade fills the window under the portal's header, as the Logs blade does; the results scroll inside it.
  layout: { display: "grid", gridTemplateColumns: "280px minmax(0, 1fr)", height: "calc(100vh - 172px)", minHeight: "520px" },
  main: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0, gap: "0" },
  editor: {
    height: "220px",
    resize: "vertical",
    overflow: "hidden",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    background: tokens.colorNeutralBackground1,
  },
  page: { display: "flex", flexDirection: "column", minHeight: "100%" },
  run: { marginRight: "8px" },
});

export const DEFAULT_QUERY =
  "ConfigurationChange\n| where ConfigChangeType in ('Files', 'Registry')\n| order by TimeGenerated desc\n| take 100";

/** The Logs blade of a workspace: the Queries pane, the query window, Run with a time range, and the results. */
export function LogsPage({
  workspace,
  initialQuery,
  initialTimespan,
}: {
  workspace: { id: string; name: string };
  initialQuery: string | null;
  initialTimespan: string | null;
}) {
  const s = useStyles();
  const { dark } = useThemeChoice();
  const [query, setQuery] = useState(initialQuery ?? DEFAULT_QUERY);
  const [timespan, setTimespan] = useState(initialTimespan ?? DEFAULT_TIMESPAN);
  const [outcome, setOutcome] = useState<RunOutcome>({ kind: "none" });
  const [mark, setMark] = useState<QueryErrorMark | null>(null);
  const run = useRunQuery(workspace.id);
  const remember = useRecordRecentQuery(workspace.id);
  const canSave = useSavedQueries(workspace.id).data?.canSave ?? false;
  const exporter = useExportQuery(workspace.id);
  const runs = useRef(0);

  const execute = (picked?: PickedQuery) => {
    const body = { query: picked?.query ?? query, timespan: picked?.timespan ?? timespan };
    if (picked) {
      setQuery(picked.query);
      setTimespan(picked.timespan);
    }
    if (!body.query.trim()) return;
    const started = performance.now();
    setMark(null);
    run.mutate(body, {
      onSuccess: (answer) => {
        const table = answer.tables[0] ?? { name: "PrimaryResult", columns: [], rows: [] };
        const elapsedMs = performance.now() - started;
        setOutcome({ kind: "ok", query: body.query, table, truncated: answer.truncated ?? false, elapsedMs, runId: ++runs.current });
        remember.mutate(body);
      },
      onError: (e) => {
        const position = e instanceof ApiError ? e.position : undefined;
        const where = position ? `Line ${position.line}, column ${position.column}.` : null;
        setOutcome({ kind: "error", message: e.message, where });
        if (position) setMark({ message: e.message, position });
      },
    });
  };
  // The latest Run for the editor's Shift+Enter, which is bound once.
  const executeRef = useRef(execute);
  useEffect(() => {
    executeRef.current = execute;
  });

  // Opened with a query (Open in Logs on the Servers tab): run it at once, as the portal does.
  const ranInitial = useRef(false);
  useEffect(() => {
    if (initialQuery && !ranInitial.current) {
      ranInitial.current = true;
      executeRef.current();
    }
  }, [initialQuery]);

  return (
    <div className={s.page}>
      <PageHeader
        crumbs={[
          { label: "Home", href: "/" },
          { label: "File integrity monitoring", href: "/fim" },
          { label: workspace.name, href: `/fim/workspaces/${workspace.id}` },
          { label: "Logs" },
        ]}
        title={`${workspace.name} | Logs`}
        subtitle="Log Analytics workspace"
        icon={<DocumentTextRegular fontSize={24} />}
      />
      <CommandBar label="Query commands">
        <Button
          appearance="primary"
          size="small"
          icon={<PlayFilled />}
          className={s.run}
          onClick={() => execute()}
          disabled={run.isPending || !query.trim()}
          title="Run (Shift+Enter)"
        >
          Run
        </Button>
        <TimeRangePicker timespan={timespan} query={query} onChange={setTimespan} />
        <ToolbarDivider />
        <SaveQueryDialog workspaceId={workspace.id} query={query} timespan={timespan} canSave={canSave} />
        <Tooltip content="Every row of the query, with its columns, as CSV" relationship="description">
          <ToolbarButton
            icon={<ArrowDownloadRegular />}
            disabled={!query.trim() || exporter.isPending}
            onClick={() =>
              exporter.mutate({ query, timespan }, { onError: (e) => setOutcome({ kind: "error", message: e.message, where: null }) })
            }
          >
            Export to CSV
          </ToolbarButton>
        </Tooltip>
      </CommandBar>
      <div className={s.layout}>
        <QueriesPane
          workspaceId={workspace.id}
          onLoad={(q) => (setQuery(q.query), setTimespan(q.timespan), setMark(null))}
          onRun={execute}
        />
        <div className={s.main}>
          <div className={s.editor}>
            <KqlEditor
              value={query}
              onChange={(text) => {
                setQuery(text);
                setMark(null);
              }}
              onRun={() => executeRef.current()}
              error={mark}
              dark={dark}
            />
          </div>
          <ResultsArea outcome={outcome} running={run.isPending} />
        </div>
      </div>
    </div>
  );
}
