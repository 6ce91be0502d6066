import "server-only";
import type { z } from "zod";
import type { ZServersListing } from "@/lib/contracts/machines";
import type { TPeriodQuery } from "@/lib/contracts/period";
import type { TServerRow } from "@/lib/contracts/machines";
import type { TWorkspaceRow } from "@/lib/contracts/workspaces";
import { listServers } from "../changes/servers";
import { resolve } from "../changes/period";
import type { Db } from "../db";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { listWorkspaces } from "../workspaces/list-workspaces";
import { periodName } from "./changes-export";
import type { CsvColumn } from "./csv-stream";
import { fileName } from "./download";

// The workspace list and the Servers tab as CSV: the same services as the pages, the same rows.

export const WORKSPACE_COLUMNS: readonly CsvColumn<TWorkspaceRow>[] = [
  { header: "Name", value: (r) => r.name },
  { header: "Subscription", value: (r) => r.subscriptionName },
  { header: "SubscriptionId", value: (r) => r.subscriptionId },
  { header: "ResourceGroup", value: (r) => r.resourceGroup },
  { header: "Location", value: (r) => r.location },
  { header: "Plan", value: (r) => r.plan },
  { header: "FimEnabled", value: (r) => r.fimEnabled },
  { header: "TotalChangesLast7Days", value: (r) => r.totalChanges },
  { header: "TotalMachines", value: (r) => r.totalMachines },
  { header: "WindowsMachines", value: (r) => r.windowsMachines },
  { header: "LinuxMachines", value: (r) => r.linuxMachines },
  { header: "YourRole", value: (r) => r.role },
  { header: "WorkspaceId", value: (r) => r.id },
];

export const MACHINE_COLUMNS: readonly CsvColumn<TServerRow>[] = [
  { header: "Computer", value: (r) => r.name },
  { header: "OS", value: (r) => r.osFamily },
  { header: "State", value: (r) => r.state },
  { header: "CollectionStatus", value: (r) => r.collectionStatus },
  { header: "LastReport", value: (r) => r.lastReportAt },
  { header: "LastFullVerification", value: (r) => r.lastFullVerificationAt },
  { header: "TotalChanges", value: (r) => r.total },
  { header: "Files", value: (r) => r.files },
  { header: "Registry", value: (r) => r.registry },
  { header: "WindowsServices", value: (r) => r.services },
  { header: "Unreviewed", value: (r) => r.unreviewed },
  { header: "EntityErrors", value: (r) => r.entityErrors.map((e) => `${e.entity}: ${e.error}`).join("; ") },
  { header: "MachineId", value: (r) => r.id },
];

async function* each<T>(rows: T[]): AsyncGenerator<T> {
  yield* rows;
}

export async function exportWorkspaces(db: Db, user: TCurrentUser, now = new Date()) {
  return { name: fileName(["workspaces", now.toISOString().slice(0, 10)], "csv"), rows: each(await listWorkspaces(db, user, now)) };
}

export type TMachinesExportQuery = TPeriodQuery & z.output<typeof ZServersListing>;

/** Machines per page of the Servers tab's own query (its largest page). */
const MACHINE_PAGE = 200;

/** Every machine the Servers tab lists for the search, in its sort, page after page of the tab's own query. */
async function* machineRows(db: Db, user: TCurrentUser, workspaceId: string, q: TMachinesExportQuery, now: Date) {
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const found = await listServers(db, user, workspaceId, { ...q, page, limit: MACHINE_PAGE }, now);
    pageCount = found.pageCount;
    yield* found.rows;
  }
}

export async function exportMachines(db: Db, user: TCurrentUser, workspaceId: string, q: TMachinesExportQuery, now = new Date()) {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
  const { view } = resolve(q, now);
  const name = fileName(["machines", workspace.name, periodName(view.key, q), q.q ? `search-${q.q}` : null], "csv");
  return { name, rows: machineRows(db, user, workspaceId, q, now) };
}
