"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { CHANGE_SORTS, type TChangeSort } from "@/lib/contracts/changes";
import { SERVER_SORTS, type TServerSort } from "@/lib/contracts/machines";
import { ATTRIBUTIONS, type Attribution } from "@/lib/domain/packages";
import { periodFromSearch, periodParams, type DashboardPeriod } from "@/lib/domain/dashboard-period";
import { CHANGE_CATEGORIES, CHANGE_TYPES, REVIEW_STATES, type ChangeCategory, type ChangeType, type ReviewState } from "@/lib/domain/types";

// Everything the dashboard shows is in its URL, so a link reproduces the view: the period, the tab, the Changes
// tab's filters, search, sort and page, the Servers tab's sort, page and selected machine, and the open change.

export type Tab = "servers" | "changes";
type Dir = "asc" | "desc";

export type DashboardState = {
  period: DashboardPeriod;
  tab: Tab;
  type: ChangeType | null;
  category: ChangeCategory | null;
  review: ReviewState | null;
  attribution: Attribution | null;
  q: string;
  sort: TChangeSort;
  dir: Dir;
  cursor: string | null;
  page: number;
  serverSort: TServerSort;
  serverDir: Dir;
  serverPage: number;
  serverQ: string;
  machine: string | null;
  machineCursor: string | null;
  machinePage: number;
  change: string | null;
};

/** URL names of the state's fields (short, stable: they are in shared links). */
const KEYS = {
  tab: "tab",
  type: "type",
  category: "category",
  review: "review",
  attribution: "attribution",
  q: "q",
  sort: "sort",
  dir: "dir",
  cursor: "cursor",
  page: "page",
  serverSort: "ssort",
  serverDir: "sdir",
  serverPage: "spage",
  serverQ: "sq",
  machine: "machine",
  machineCursor: "mcursor",
  machinePage: "mpage",
  change: "change",
} as const;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null =>
  v && (values as readonly string[]).includes(v) ? (v as T) : null;
const pageOf = (v: string | null) => Math.max(1, Math.min(100_000, Number.parseInt(v ?? "1", 10) || 1));
const dirOf = (v: string | null): Dir | null => (v === "asc" || v === "desc" ? v : null);

export function parseState(search: URLSearchParams): DashboardState {
  const get = (k: keyof typeof KEYS) => search.get(KEYS[k]);
  const sort = oneOf(CHANGE_SORTS, get("sort")) ?? "time";
  const serverSort = oneOf(SERVER_SORTS, get("serverSort")) ?? "total";
  return {
    period: periodFromSearch(search),
    tab: get("tab") === "changes" ? "changes" : "servers",
    type: oneOf(CHANGE_TYPES, get("type")),
    category: oneOf(CHANGE_CATEGORIES, get("category")),
    review: oneOf(REVIEW_STATES, get("review")),
    attribution: oneOf(ATTRIBUTIONS, get("attribution")),
    q: get("q") ?? "",
    sort,
    dir: dirOf(get("dir")) ?? (sort === "time" ? "desc" : "asc"),
    cursor: get("cursor"),
    page: pageOf(get("page")),
    serverSort,
    serverDir: dirOf(get("serverDir")) ?? (serverSort === "name" ? "asc" : "desc"),
    serverPage: pageOf(get("serverPage")),
    serverQ: get("serverQ") ?? "",
    machine: get("machine"),
    machineCursor: get("machineCursor"),
    machinePage: pageOf(get("machinePage")),
    change: get("change"),
  };
}

/** Fields that select a different list: changing one starts that list from its first page. */
const RESETS: Partial<Record<keyof DashboardState, (keyof DashboardState)[]>> = {
  period: ["cursor", "page", "serverPage", "machineCursor", "machinePage"],
  type: ["cursor", "page"],
  category: ["cursor", "page"],
  review: ["cursor", "page"],
  attribution: ["cursor", "page"],
  q: ["cursor", "page"],
  sort: ["cursor", "page"],
  dir: ["cursor", "page"],
  serverSort: ["serverPage"],
  serverDir: ["serverPage"],
  serverQ: ["serverPage"],
  machine: ["machineCursor", "machinePage"],
};

/**
 * Steps a user takes back with the Back button: switching the tab, selecting a computer, opening a change and
 * changing the period each add a history entry. Typing a search, sorting, paging and closing a panel replace the
 * current one (Back after closing returns to before the opening, and the drawer's focus return is left alone).
 */
const STEPS: (keyof DashboardState)[] = ["tab", "machine", "change", "period"];
const isStep = (patch: Partial<DashboardState>) =>
  (Object.keys(patch) as (keyof DashboardState)[]).some((field) => STEPS.includes(field) && patch[field] !== null);

const DEFAULTS: Partial<Record<keyof DashboardState, string>> = { tab: "servers", page: "1", serverPage: "1", machinePage: "1" };

export function toSearch(state: DashboardState): URLSearchParams {
  const out = new URLSearchParams(periodParams(state.period));
  for (const [field, name] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = state[field];
    if (value === null || value === "" || value === undefined) continue;
    const text = String(value);
    if (DEFAULTS[field] === text) continue;
    if (field === "dir" && text === (state.sort === "time" ? "desc" : "asc")) continue;
    if (field === "serverDir" && text === (state.serverSort === "name" ? "asc" : "desc")) continue;
    if (field === "sort" && text === "time") continue;
    if (field === "serverSort" && text === "total") continue;
    out.set(name, text);
  }
  return out;
}

/** The dashboard's state from the URL, and a setter that writes a patch back (resetting pages it invalidates). */
export function useDashboardState(): [DashboardState, (patch: Partial<DashboardState>) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseState(new URLSearchParams(search.toString())), [search]);
  // Two updates in a row (a filter removed, then a slice clicked) must both land: the second builds on the URL the
  // first asked for, which the router may not have committed yet.
  const pending = useRef<{ text: string; at: number } | null>(null);
  useEffect(() => {
    if (pending.current?.text === search.toString()) pending.current = null;
  }, [search]);
  const update = useCallback(
    (patch: Partial<DashboardState>) => {
      // A pending URL not committed within a second was superseded (e.g. by the Back button): the URL wins.
      const fresh = pending.current && Date.now() - pending.current.at < 1000 ? pending.current.text : null;
      const current = new URLSearchParams(fresh ?? search.toString());
      const next: DashboardState = { ...parseState(current), ...patch };
      for (const field of Object.keys(patch) as (keyof DashboardState)[]) {
        for (const reset of RESETS[field] ?? []) {
          if (reset in patch) continue;
          (next as Record<string, unknown>)[reset] = reset.endsWith("Page") || reset === "page" ? 1 : null;
        }
      }
      // Parameters the dashboard does not own (e.g. ?enabled=1 after enabling) stay as they are.
      const merged = new URLSearchParams(current);
      for (const name of [...Object.values(KEYS), "period", "from", "to"]) merged.delete(name);
      for (const [k, v] of toSearch(next)) merged.set(k, v);
      const text = merged.toString();
      if (text === current.toString()) return;
      pending.current = { text, at: Date.now() };
      const href = text ? `${pathname}?${text}` : pathname;
      if (isStep(patch)) router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [router, pathname, search],
  );
  return [state, update];
}
