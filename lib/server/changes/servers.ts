import "server-only";
import type { TServerRow, TServersPage, TServersQuery } from "@/lib/contracts/machines";
import type { TimeRange } from "@/lib/domain/dashboard-period";
import { toQueryPeriod } from "@/lib/domain/dashboard-period";
import { buildChangeSummaryQuery } from "@/lib/domain/kql";
import { CHANGE_TYPES, type ChangeType } from "@/lib/domain/types";
import type { Db } from "../db";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { resolve } from "./period";
import { before, splitByHours } from "./hourly";
import { machineHealth } from "./machine-health";
import { unreviewedByMachine } from "./review-summary";
import { empty, join, num, raw, sql, timeFilter, type Sql } from "./sql";

export const SERVERS_PAGE_SIZE = 50;

const COLUMN: Record<ChangeType, "files" | "registry" | "services"> = { Files: "files", Registry: "registry", WindowsServices: "services" };

type TypeCounts = Record<"files" | "registry" | "services", number>;

const TYPES = Object.keys(COLUMN) as ChangeType[];

/**
 * Change counts per machine and type in the period, for the given machines or all of the workspace (absent: no
 * changes). Whole hours come from ChangeCount, one covering index range per machine and type on (machineId,
 * changeType, hour); the partial hours at the period's edges from ChangeRecord, by (workspaceId, timeGenerated).
 */
export async function countByMachine(
  db: Db,
  workspaceId: string,
  range: TimeRange,
  machineIds?: string[],
): Promise<Map<string, TypeCounts>> {
  const { head, hours, tail } = splitByHours(range);
  const out = new Map<string, TypeCounts>();
  const add = (machineId: string, type: ChangeType, n: number) => {
    if (!n) return;
    const counts = out.get(machineId) ?? { files: 0, registry: 0, services: 0 };
    counts[COLUMN[type]] += n;
    out.set(machineId, counts);
  };
  const only = (column: Sql) => (machineIds ? sql`AND ${column} IN (${machineIds.length ? join(machineIds) : sql`NULL`})` : empty);

  const hourly = hours
    ? db.$queryRaw<Record<string, unknown>[]>`SELECT m."id", ${join(
        TYPES.map(
          (type) => sql`(SELECT sum(h."count") FROM "ChangeCount" h WHERE h."machineId" = m."id" AND h."changeType" = ${raw(`'${type}'`)}
            AND h."hour" >= ${hours.from} ${before(hours.to, raw(`h."hour"`))}) AS ${raw(`"${type}"`)}`,
        ),
      )}
      FROM "Machine" m WHERE m."workspaceId" = ${workspaceId} ${only(raw(`m."id"`))}`
    : Promise.resolve([]);
  const edges = [head, tail].filter((r): r is TimeRange => r !== null);
  const partial = edges.length
    ? db.$queryRaw<{ machineId: string; changeType: ChangeType; n: unknown }[]>`
        SELECT "machineId", CAST("changeType" AS TEXT) AS "changeType", count(*) AS n FROM "ChangeRecord"
        WHERE "workspaceId" = ${workspaceId} AND (${join(
          edges.map((e) => sql`(${timeFilter(e)})`),
          " OR ",
        )}) ${only(raw(`"machineId"`))}
        GROUP BY "machineId", "changeType"`
    : Promise.resolve([]);
  const [hourRows, edgeRows] = await Promise.all([hourly, partial]);
  for (const r of hourRows) for (const type of TYPES) add(r.id as string, type, num(r[type]));
  for (const r of edgeRows) add(r.machineId, r.changeType, num(r.n));
  return out;
}

/** The Servers tab: every machine of the workspace (with or without changes) and its changes in the period. */
export async function listServers(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  q: TServersQuery,
  now = new Date(),
): Promise<TServersPage> {
  const { period, range, view } = resolve(q, now);
  const sort = q.sort ?? "total";
  const dir = q.dir ?? (sort === "name" ? "asc" : "desc");
  const limit = q.limit ?? SERVERS_PAGE_SIZE;
  const term = q.q?.toLowerCase();

  // The role, the machines and what the sort needs of every machine (nothing for name; else the counts of every
  // machine: hourly rows, and the records of the partial hours at the period's edges), at once: under load each
  // statement waits its turn for a core. Nothing is answered unless the role allows (as getSummary).
  const [, all, allCounts] = await Promise.all([
    authorizeWorkspace(db, user, workspaceId, "workspace.read"),
    db.machine.findMany({
      where: { workspaceId },
      select: {
        id: true,
        name: true,
        osFamily: true,
        collectionStatus: true,
        lastError: true,
        lastReportAt: true,
        lastFullVerificationAt: true,
      },
    }),
    sort === "name" ? null : countByMachine(db, workspaceId, range),
  ]);
  const machines = all.filter((m) => !term || m.name.toLowerCase().includes(term));
  const none = { files: 0, registry: 0, services: 0 };
  const key = (m: (typeof machines)[number]): number => {
    const c = allCounts?.get(m.id) ?? none;
    return sort === "name" ? 0 : sort === "total" ? c.files + c.registry + c.services : c[sort];
  };
  const sign = dir === "asc" ? 1 : -1;
  machines.sort((a, b) => sign * ((sort === "name" ? 0 : key(a) - key(b)) || a.name.localeCompare(b.name, "en")));

  const pageCount = Math.max(1, Math.ceil(machines.length / limit));
  const page = Math.min(q.page ?? 1, pageCount);
  const shown = machines.slice((page - 1) * limit, page * limit);
  const counts =
    allCounts ??
    (await countByMachine(
      db,
      workspaceId,
      range,
      shown.map((m) => m.id),
    ));
  const [unreviewed, health] = await Promise.all([
    unreviewedByMachine(
      db,
      workspaceId,
      range,
      shown.map((m) => m.id),
    ),
    machineHealth(db, workspaceId, shown, now),
  ]);
  const rows: TServerRow[] = shown.map((m) => {
    const c = counts.get(m.id) ?? none;
    return {
      id: m.id,
      name: m.name,
      osFamily: m.osFamily,
      collectionStatus: m.collectionStatus,
      lastReportAt: m.lastReportAt?.toISOString() ?? null,
      lastFullVerificationAt: m.lastFullVerificationAt?.toISOString() ?? null,
      total: c.files + c.registry + c.services,
      ...c,
      unreviewed: unreviewed.get(m.id) ?? 0,
      ...health.get(m.id)!,
    };
  });
  return {
    period: view,
    rows,
    page,
    pageCount,
    total: machines.length,
    query: buildChangeSummaryQuery(toQueryPeriod(period), CHANGE_TYPES),
  };
}
