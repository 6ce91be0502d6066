import "server-only";
import type { TChangeFilter, TChangeRow } from "@/lib/contracts/changes";
import type { Db } from "../db";
import { machineOf, pageOfChanges, type MachineRef } from "../changes/list-changes";
import { resolve } from "../changes/period";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import type { CsvColumn } from "./csv-stream";
import { fileName } from "./download";

/** Rows read per keyset page: one index seek each; large enough that a page's query cost is small per row. */
export const EXPORT_PAGE_ROWS = 2_000;

/** The columns of a changes CSV: Log Analytics names where the ConfigurationChange table has one. */
export const CHANGE_COLUMNS: readonly CsvColumn<TChangeRow>[] = [
  { header: "TimeGenerated", value: (r) => r.timeGenerated },
  { header: "Computer", value: (r) => r.computer },
  { header: "ConfigChangeType", value: (r) => r.changeType },
  { header: "ChangeCategory", value: (r) => r.category },
  { header: "Target", value: (r) => r.target },
  { header: "Name", value: (r) => r.name },
  { header: "FieldsChanged", value: (r) => r.fieldsChanged },
  { header: "ReviewState", value: (r) => r.reviewState },
  { header: "Attribution", value: (r) => r.attribution },
  { header: "ChangeId", value: (r) => r.id },
  { header: "MachineId", value: (r) => r.machineId },
];

/**
 * Every change the Changes tab lists for this filter, newest first, read page by page through the tab's own keyset
 * query (`pageOfChanges`), so the file holds exactly the rows the tab shows. The period is resolved once, at `now`.
 */
export async function* changeRows(
  db: Db,
  workspaceId: string,
  filter: TChangeFilter,
  machine: MachineRef | null,
  now: Date,
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<TChangeRow> {
  let cursor: string | undefined;
  do {
    const page = await pageOfChanges(db, workspaceId, { ...filter, cursor, limit: pageRows }, machine, now);
    yield* page.changes;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const minute = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace(":", "");

/** `last-7d`, or a custom range to the minute in UTC: `2026-12-01T0900-to-2026-12-02T0900`. */
export function periodName(key: string, q: { from?: string; to?: string }): string {
  return key === "custom" && q.from && q.to ? `${minute(q.from)}-to-${minute(q.to)}` : `last-${key}`;
}

/** The file name of a changes export: the workspace, the period and every filter that is set. */
export function changesFileName(workspace: string, filter: TChangeFilter, machine: MachineRef | null, now: Date): string {
  const { view } = resolve(filter, now);
  const period = periodName(view.key, filter);
  return fileName(
    [
      "changes",
      workspace,
      period,
      filter.changeType,
      filter.category,
      filter.reviewState,
      filter.attribution,
      machine?.name,
      filter.q ? `search-${filter.q}` : null,
    ],
    "csv",
  );
}

export type ChangesExport = { name: string; rows: AsyncIterable<TChangeRow> };

/** Checks the role and the machine before the first byte, so a refusal is an error answer, not a broken file. */
export async function exportChanges(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  filter: TChangeFilter,
  now = new Date(),
): Promise<ChangesExport> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
  const machine = await machineOf(db, workspaceId, filter);
  return { name: changesFileName(workspace.name, filter, machine, now), rows: changeRows(db, workspaceId, filter, machine, now) };
}
