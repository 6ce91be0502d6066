import "server-only";
import type { TServerRow, TServersPage, TServersQuery } from "@/app/api/workspaces/[id]/machines/schema";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { toQueryPeriod } from "@/lib/domain/dashboard-period";
import { buildChangeSummaryQuery } from "@/lib/domain/kql";
import type { ChangeType } from "@/lib/domain/types";
import type { Db } from "../db";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { resolve } from "./period";
import { empty, join, num, raw, sql, timeFilter } from "./sql";

export const SERVERS_PAGE_SIZE = 50;

const COLUMN: Record<ChangeType, "files" | "registry" | "services"> = { Files: "files", Registry: "registry", WindowsServices: "services" };

type TypeCounts = Record<"files" | "registry" | "services", number>;

/** Change counts per machine and type in the period, for the given machines or all (absent: no changes). */
export async function countByMachine(db: Db, workspaceId: string, range: TimeRange, machineIds?: string[]): Promise<Map<string, TypeCounts>> {
  const only = machineIds ? sql`AND "machineId" IN (${machineIds.length ? join(machineIds) : sql`NULL`})` : empty;
  const rows = await db.$queryRaw<{ machineId: string; changeType: ChangeType; n: unknown }[]>`
    SELECT "machineId", "changeType", count(*) AS n FROM "ChangeRecord"
    WHERE "workspaceId" = ${workspaceId} AND ${timeFilter(range)} ${only} GROUP BY "machineId", "changeType"`;
  const out = new Map<string, TypeCounts>();
  for (const r of rows) {
    const counts = out.get(r.machineId) ?? { files: 0, registry: 0, services: 0 };
    counts[COLUMN[r.changeType]] = num(r.n);
    out.set(r.machineId, counts);
  }
  return out;
}

/**
 * Total changes per machine in the period: one index range count per machine on (machineId, timeGenerated), which
 * reads no record (the per-type split would: the index has no change type).
 */
async function totalByMachine(db: Db, workspaceId: string, range: TimeRange): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; n: unknown }[]>`
    SELECT m."id", (SELECT count(*) FROM "ChangeRecord" c WHERE c."machineId" = m."id" AND ${timeFilter(range, raw(`c."timeGenerated"`))}) AS n
    FROM "Machine" m WHERE m."workspaceId" = ${workspaceId}`;
  return new Map(rows.map((r) => [r.id, num(r.n)]));
}

/** The Servers tab: every machine of the workspace (with or without changes) and its changes in the period. */
export async function listServers(db: Db, user: TCurrentUser, workspaceId: string, q: TServersQuery, now = new Date()): Promise<TServersPage> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const { period, range, view } = resolve(q, now);
  const sort = q.sort ?? "total";
  const dir = q.dir ?? (sort === "name" ? "asc" : "desc");
  const limit = q.limit ?? SERVERS_PAGE_SIZE;
  const term = q.q?.toLowerCase();

  const machines = (
    await db.machine.findMany({
      where: { workspaceId },
      select: { id: true, name: true, osFamily: true, collectionStatus: true, lastReportAt: true },
    })
  ).filter((m) => !term || m.name.toLowerCase().includes(term));

  // What the sort needs for every machine: nothing (name), totals (cheap), or per-type counts (every record).
  const perType = sort === "files" || sort === "registry" || sort === "services";
  const [totals, allCounts] = await Promise.all([
    sort === "total" ? totalByMachine(db, workspaceId, range) : null,
    perType ? countByMachine(db, workspaceId, range) : null,
  ]);
  const none = { files: 0, registry: 0, services: 0 };
  const key = (m: (typeof machines)[number]): number => {
    if (totals) return totals.get(m.id) ?? 0;
    const c = allCounts?.get(m.id) ?? none;
    return sort === "name" || sort === "total" ? 0 : c[sort];
  };
  const sign = dir === "asc" ? 1 : -1;
  machines.sort((a, b) => sign * ((sort === "name" ? 0 : key(a) - key(b)) || a.name.localeCompare(b.name, "en")));

  const pageCount = Math.max(1, Math.ceil(machines.length / limit));
  const page = Math.min(q.page ?? 1, pageCount);
  const shown = machines.slice((page - 1) * limit, page * limit);
  const counts = allCounts ?? (await countByMachine(db, workspaceId, range, shown.map((m) => m.id)));
  const rows: TServerRow[] = shown.map((m) => {
    const c = counts.get(m.id) ?? none;
    return {
      id: m.id,
      name: m.name,
      osFamily: m.osFamily,
      collectionStatus: m.collectionStatus,
      lastReportAt: m.lastReportAt?.toISOString() ?? null,
      total: c.files + c.registry + c.services,
      ...c,
    };
  });
  return {
    period: view,
    rows,
    page,
    pageCount,
    total: machines.length,
    query: buildChangeSummaryQuery(toQueryPeriod(period), ["Files", "Registry", "WindowsServices"]),
  };
}

