"use client";

import type * as MonacoApi from "monaco-editor";

// Monaco with Microsoft's Kusto language, loaded in the browser only, from this app (/monaco/vs/…, see
// lib/server/editor-assets.ts): its AMD build runs as shipped, with no bundler between, and its web workers (the
// Kusto language service among them) start from the same origin.

export type Monaco = typeof MonacoApi;
type AmdRequire = {
  (deps: string[], onLoad: () => void, onError: (e: unknown) => void): void;
  config(c: object): void;
};
type KustoColumn = { name: string; type: string; docstring?: string };
type KustoTable = { name: string; columns: readonly KustoColumn[]; docstring?: string };
/** The part of monaco-kusto's API the Logs page uses (its global `monaco.languages.kusto`). */
export type KustoLanguage = {
  getKustoWorker(): Promise<(uri: MonacoApi.Uri) => Promise<{ setSchema(schema: object): Promise<void> }>>;
  kustoDefaults: { setLanguageSettings(settings: object): void; languageSettings: object };
};
/** What the AMD loader and Monaco put on the window (the loader takes the name `require`). */
type EditorGlobals = { require?: AmdRequire; monaco?: Monaco & { languages: { kusto?: KustoLanguage } } };

const BASE = "/monaco/vs";
let loading: Promise<{ monaco: Monaco; kusto: KustoLanguage }> | null = null;

/** The page's CSP nonce, as Next.js put it on its own scripts (the property, not the attribute, holds it). */
function pageNonce(): string {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
}

/**
 * Monaco writes its theme, decorations and widget sizes into <style> elements it creates (in <head> and inside its
 * own nodes); the page's policy only applies styles that carry its nonce, so a style element a script adds without
 * one gets it. Parser-inserted markup is untouched: an injected <style> in HTML is still refused.
 */
function nonceScriptedStyles(nonce: string) {
  const proto = Node.prototype;
  const append = proto.appendChild;
  const insert = proto.insertBefore;
  const mark = (node: Node) => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = nonce;
  };
  proto.appendChild = function <T extends Node>(this: Node, node: T): T {
    mark(node);
    return append.call(this, node) as T;
  };
  proto.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    mark(node);
    return insert.call(this, node, child) as T;
  };
  const elementAppend = Element.prototype.append;
  Element.prototype.append = function (this: Element, ...nodes: (Node | string)[]) {
    for (const n of nodes) if (typeof n !== "string") mark(n);
    elementAppend.apply(this, nodes);
  };
}

function loadScript(src: string, nonce: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.nonce = nonce;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`The query editor could not load ${src}.`));
    document.head.appendChild(script);
  });
}

/** Monaco and the Kusto language, loaded once per page. */
export function loadMonaco(): Promise<{ monaco: Monaco; kusto: KustoLanguage }> {
  loading ??= (async () => {
    const w = window as unknown as EditorGlobals;
    const nonce = pageNonce();
    nonceScriptedStyles(nonce);
    await loadScript(`${BASE}/loader.js`, nonce);
    const amd = w.require;
    if (!amd) throw new Error("The query editor's loader did not start.");
    amd.config({ paths: { vs: BASE }, cspNonce: nonce });
    await new Promise<void>((resolve, reject) => amd(["vs/editor/editor.main", "vs/language/kusto/monaco.contribution"], resolve, reject));
    const kusto = w.monaco?.languages.kusto;
    if (!w.monaco || !kusto) throw new Error("The query editor's Kusto language did not load.");
    return { monaco: w.monaco, kusto };
  })();
  // A failed load (network, server restart) may be tried again by the next editor.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export type { KustoTable };
