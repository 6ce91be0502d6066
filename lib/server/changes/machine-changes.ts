import "server-only";
import type { TMachineChanges, TMachineChangesQuery } from "@/lib/contracts/machines";
import { toQueryPeriod } from "@/lib/domain/dashboard-period";
import { buildMachineChangesQuery } from "@/lib/domain/kql";
import { CHANGE_TYPES } from "@/lib/domain/types";
import type { Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { decodeCursor, encodeCursor, flip, LIST_COLUMNS, orderBy, pastKey, toRow, type RawRow } from "./keyset";
import { DEFAULT_PAGE_SIZE } from "./list-changes";
import { resolve } from "./period";
import { sql, timeFilter } from "./sql";

/**
 * A machine selected on the Servers tab: the query as the portal shows it and its results, which are exactly what
 * the query means: this Computer, the period, every change type, newest first (ties by record id).
 */
export async function listMachineChanges(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  machineId: string,
  q: TMachineChangesQuery,
  now = new Date(),
): Promise<TMachineChanges> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const machine = await db.machine.findFirst({ where: { id: machineId, workspaceId }, select: { id: true, name: true } });
  if (!machine) throw notFound("The machine");
  const { period, range, view } = resolve(q, now);
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  const cursor = q.cursor ? decodeCursor(q.cursor, "time", "desc") : null;
  const dir = cursor?.back ? flip("desc") : "desc";

  const found = (
    await db.$queryRaw<RawRow[]>`SELECT ${LIST_COLUMNS} FROM "ChangeRecord"
      WHERE "machineId" = ${machine.id} AND "computer" = ${machine.name} AND ${timeFilter(range)}
      ${cursor ? sql`AND ${pastKey(dir, cursor.time, cursor.id)}` : sql``}
      ORDER BY ${orderBy(dir)} LIMIT ${limit + 1}`
  ).map(toRow);
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  if (cursor?.back) rows.reverse();
  const at = (i: number, back: boolean) =>
    rows[i] ? encodeCursor({ sort: "time", dir: "desc", group: null, time: new Date(rows[i].timeGenerated), id: rows[i].id, back }) : null;
  return {
    period: view,
    machine,
    query: buildMachineChangesQuery(machine.name, toQueryPeriod(period), CHANGE_TYPES),
    rows,
    next: cursor?.back || more ? at(rows.length - 1, false) : null,
    prev: (cursor?.back ? more : cursor !== null) ? at(0, true) : null,
  };
}
