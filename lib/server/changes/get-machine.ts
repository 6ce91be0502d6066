import "server-only";
import type { TMachine } from "@/lib/contracts/machines";
import type { TPeriodQuery } from "@/lib/contracts/period";
import type { Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { resolve } from "../changes/period";
import { unreviewedByMachine } from "../changes/review-summary";
import { countByMachine } from "../changes/servers";
import { machineHealth } from "../changes/machine-health";

/** GET /api/v1/workspaces/{id}/machines/{machineId}: one machine, as a Servers tab row, with its details. */
export async function getMachine(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  machineId: string,
  q: TPeriodQuery,
  now = new Date(),
): Promise<TMachine> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  // Looked up within the workspace of the URL: another workspace's machine id is not found here.
  const m = await db.machine.findFirst({ where: { id: machineId, workspaceId } });
  if (!m) throw notFound("The machine");
  const { range, view } = resolve(q, now);
  const [counts, unreviewed, health] = await Promise.all([
    countByMachine(db, workspaceId, range, [m.id]),
    unreviewedByMachine(db, workspaceId, range, [m.id]),
    machineHealth(db, workspaceId, [m], now),
  ]);
  const c = counts.get(m.id) ?? { files: 0, registry: 0, services: 0 };
  return {
    id: m.id,
    name: m.name,
    osFamily: m.osFamily,
    osVersion: m.osVersion,
    collectionStatus: m.collectionStatus,
    lastReportAt: m.lastReportAt?.toISOString() ?? null,
    lastFullVerificationAt: m.lastFullVerificationAt?.toISOString() ?? null,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    total: c.files + c.registry + c.services,
    ...c,
    unreviewed: unreviewed.get(m.id) ?? 0,
    ...health.get(m.id)!,
    period: view,
  };
}
