"use client";

import { useEffect, useRef, useState } from "react";
import { makeStaticStyles, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import type * as MonacoApi from "monaco-editor";
import { LOG_TABLES, type LogColumnType } from "@/lib/contracts/log-tables";
import { loadMonaco, type Monaco } from "./monaco-loader";

const useStyles = makeStyles({
  root: { position: "relative", height: "100%", minHeight: "160px", background: tokens.colorNeutralBackground1 },
  editor: { position: "absolute", inset: 0 },
  status: { position: "absolute", inset: 0, display: "flex", alignItems: "center", justifyContent: "center", gap: "8px" },
});

// The part of the query the server refused, shaded under its squiggle (Monaco takes a plain class name).
const ERROR_RANGE = "kql-server-error";
const useErrorRangeStyle = makeStaticStyles({ [`.${ERROR_RANGE}`]: { background: "rgba(209, 52, 56, 0.14)" } });

/** Where the server found the error, as its answer gives it (line and column from 1; offset from 0). */
export type QueryErrorPosition = { line?: number; column?: number; offset?: number; length?: number };
export type QueryErrorMark = { message: string; position: QueryErrorPosition };

// monaco-kusto takes .NET type names.
const CLR: Record<LogColumnType, string> = {
  string: "System.String",
  datetime: "System.DateTime",
  long: "System.Int64",
  int: "System.Int32",
  real: "System.Double",
  bool: "System.Boolean",
  dynamic: "System.Object",
  timespan: "System.TimeSpan",
};
const DATABASE = {
  name: "Workspace",
  tables: LOG_TABLES.map((t) => ({
    name: t.name,
    docstring: t.description,
    entityType: "Table",
    columns: t.columns.map((c) => ({ name: c.name, type: CLR[c.type] })),
  })),
  functions: [],
  entityGroups: [],
  majorVersion: 1,
  minorVersion: 0,
};
/** The workspace's tables for completion, as a Kusto engine's schema with the workspace as its database. */
const SCHEMA = { clusterType: "Engine", cluster: { connectionString: "https://workspace", databases: [DATABASE] }, database: DATABASE };

function markerOf(monaco: Monaco, model: MonacoApi.editor.ITextModel, mark: QueryErrorMark): MonacoApi.editor.IMarkerData {
  const p = mark.position;
  const size = model.getValueLength();
  const at = p.offset ?? model.getOffsetAt({ lineNumber: p.line ?? 1, column: p.column ?? 1 });
  // At least one character: an error at the very end (a query cut short) marks the last one.
  let from = Math.min(Math.max(0, at), size);
  const to = Math.min(size, from + Math.max(1, p.length ?? 1));
  if (to <= from) from = Math.max(0, to - 1);
  const start = model.getPositionAt(from);
  const end = model.getPositionAt(to);
  return {
    severity: monaco.MarkerSeverity.Error,
    message: mark.message,
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
  };
}

/**
 * The Logs page's query window: Monaco with Microsoft's Kusto language (highlighting, completion of the workspace's
 * tables and columns, its own syntax errors underlined), Shift+Enter to run, and the server's error underlined where
 * the server found it.
 */
export function KqlEditor({
  value,
  onChange,
  onRun,
  error,
  dark,
}: {
  value: string;
  onChange: (text: string) => void;
  onRun: () => void;
  error: QueryErrorMark | null;
  dark: boolean;
}) {
  const s = useStyles();
  useErrorRangeStyle();
  const host = useRef<HTMLDivElement>(null);
  const errorRange = useRef<MonacoApi.editor.IEditorDecorationsCollection | null>(null);
  const editor = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  // The latest callbacks and value for the editor's own listeners, which are attached once.
  const latest = useRef({ onChange, onRun, value, dark });
  useEffect(() => {
    latest.current = { onChange, onRun, value, dark };
  });

  useEffect(() => {
    let disposed = false;
    loadMonaco()
      .then(async ({ monaco, kusto }) => {
        if (disposed || !host.current) return;
        monacoRef.current = monaco;
        const ed = monaco.editor.create(host.current, {
          value: latest.current.value,
          language: "kusto",
          theme: latest.current.dark ? "kusto-dark" : "kusto-light",
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          lineHeight: 20,
          fixedOverflowWidgets: true,
          ariaLabel: "Query editor",
          wordWrap: "on",
          renderLineHighlight: "none",
          // A space or a dot goes on typing; Tab and Enter take a suggestion, as in the Logs blade.
          acceptSuggestionOnCommitCharacter: false,
        });
        editor.current = ed;
        ed.onDidChangeModelContent(() => latest.current.onChange(ed.getValue()));
        ed.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => latest.current.onRun());
        const model = ed.getModel();
        if (model) {
          const worker = await (await kusto.getKustoWorker())(model.uri);
          await worker.setSchema(SCHEMA);
        }
        if (!disposed) setState("ready");
      })
      .catch(() => !disposed && setState("failed"));
    return () => {
      disposed = true;
      editor.current?.getModel()?.dispose();
      editor.current?.dispose();
      editor.current = null;
    };
    // The editor is created once; theme, value and markers follow in the effects below.
  }, []);

  useEffect(() => {
    monacoRef.current?.editor.setTheme(dark ? "kusto-dark" : "kusto-light");
  }, [dark, state]);

  // A value from outside (a saved or recent query, the Servers tab's query) replaces the text.
  useEffect(() => {
    const ed = editor.current;
    if (ed && ed.getValue() !== value) ed.setValue(value);
  }, [value, state]);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editor.current?.getModel();
    if (!monaco || !model) return;
    const marker = error ? markerOf(monaco, model, error) : null;
    monaco.editor.setModelMarkers(model, "server", marker ? [marker] : []);
    errorRange.current?.clear();
    if (marker) {
      errorRange.current =
        editor.current?.createDecorationsCollection([{ range: marker, options: { inlineClassName: ERROR_RANGE } }]) ?? null;
      editor.current?.revealLineInCenterIfOutsideViewport(marker.startLineNumber);
    }
  }, [error, state]);

  return (
    <div className={s.root}>
      <div ref={host} className={s.editor} data-testid="query-editor" />
      {state === "loading" && (
        <div className={s.status}>
          <Spinner size="tiny" label="Loading the query editor" />
        </div>
      )}
      {state === "failed" && (
        <div className={s.status} role="alert">
          The query editor could not load. Reload the page to try again.
        </div>
      )}
    </div>
  );
}
