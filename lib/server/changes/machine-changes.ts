import "server-only";
import type { TMachineChanges, TMachineChangesQuery } from "@/lib/contracts/machines";
import { toQueryPeriod } from "@/lib/domain/dashboard-period";
import { buildMachineChangesQuery } from "@/lib/domain/kql";
import { CHANGE_TYPES } from "@/lib/domain/types";
import type { Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { pageOfChanges } from "./list-changes";
import { resolve } from "./period";

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
  const page = await pageOfChanges(db, workspaceId, { ...q, sort: "time", dir: "desc" }, machine, now);
  const { period } = resolve(q, now);
  return { ...page, machine, query: buildMachineChangesQuery(machine.name, toQueryPeriod(period), CHANGE_TYPES) };
}
