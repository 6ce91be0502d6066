import "server-only";
import type { TChangeRow } from "@/lib/contracts/changes";
import type { TEntity } from "@/lib/contracts/entities";
import type { TServerRow } from "@/lib/contracts/machines";
import type { TPeriodQuery } from "@/lib/contracts/period";
import type { TSummary } from "@/lib/contracts/summary";
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import type { Attribution } from "@/lib/domain/packages";
import type { ReviewState } from "@/lib/domain/types";
import { pageOfChanges } from "../changes/list-changes";
import { listServers } from "../changes/servers";
import { getSummary } from "../changes/summary";
import type { Db } from "../db";
import { listEntities } from "../entities/list-entities";
import type { TCurrentUser } from "../session";
import { getWorkspace } from "../workspaces/get-workspace";

// What the report shows, read through the services the dashboard reads it with (each checks the caller's role).

/** At most this many rows per table: the report is read by people; the CSV downloads hold every row. */
export const REPORT_MACHINES = 200;
export const REPORT_CHANGES = 100;

export type ReportData = {
  workspace: TWorkspaceDetails;
  summary: TSummary;
  machines: TServerRow[];
  machineCount: number;
  /** Suspicious and Unreviewed changes of the period: those that differ from their package first, then Suspicious. */
  needsALook: TChangeRow[];
  needsALookCount: number;
  entities: TEntity[];
  madeBy: TCurrentUser;
  madeAt: Date;
};

type Slice = { reviewState: ReviewState; attribution?: Attribution };

/** The order a reviewer takes them in: a file that differs from its package is the strongest sign of tampering. */
const NEEDS_A_LOOK: Slice[] = [
  { reviewState: "Suspicious", attribution: "DiffersFromPackage" },
  { reviewState: "Unreviewed", attribution: "DiffersFromPackage" },
  { reviewState: "Suspicious" },
  { reviewState: "Unreviewed" },
];

async function changesThatNeedALook(db: Db, workspaceId: string, period: TPeriodQuery, now: Date): Promise<TChangeRow[]> {
  const out = new Map<string, TChangeRow>();
  for (const slice of NEEDS_A_LOOK) {
    if (out.size >= REPORT_CHANGES) break;
    // Rows already taken by an earlier slice come again in a later one: ask for enough to fill the table anyway.
    const page = await pageOfChanges(db, workspaceId, { ...period, ...slice, limit: REPORT_CHANGES }, null, now);
    for (const row of page.changes) if (out.size < REPORT_CHANGES && !out.has(row.id)) out.set(row.id, row);
  }
  return [...out.values()];
}

export async function reportData(db: Db, user: TCurrentUser, workspaceId: string, q: TPeriodQuery, now = new Date()): Promise<ReportData> {
  const period: TPeriodQuery = { period: q.period, from: q.from, to: q.to };
  const workspace = await getWorkspace(db, user, workspaceId);
  const [summary, servers, entities] = await Promise.all([
    getSummary(db, user, workspaceId, period, now),
    listServers(db, user, workspaceId, { ...period, sort: "name", limit: REPORT_MACHINES }, now),
    listEntities(db, user, workspaceId),
  ]);
  const needsALook = await changesThatNeedALook(db, workspaceId, period, now);
  return {
    workspace,
    summary,
    machines: servers.rows,
    machineCount: servers.total,
    needsALook,
    needsALookCount: summary.byReview.Unreviewed + summary.byReview.Suspicious,
    entities: entities.entities,
    madeBy: user,
    madeAt: now,
  };
}
