import "server-only";
import { machineState, type MachineState } from "@/lib/domain/machine-state";
import type { CollectionStatus, OsFamily } from "@/lib/domain/types";
import type { Db } from "../db";

export type MachineHealth = { state: MachineState; entityErrors: { entity: string; error: string }[] };

type MachineRow = {
  id: string;
  osFamily: OsFamily;
  lastReportAt: Date | null;
  collectionStatus: CollectionStatus;
  lastError: string | null;
};

const MAX_ERRORS = 20;

/** The scanner's time scale (VIGIL_TIME_SCALE, as `npm start` gives the worker): a demo's periods are shorter. */
export function scannerTimeScale(): number {
  const scale = Number(process.env.VIGIL_TIME_SCALE ?? 1);
  return Number.isFinite(scale) && scale >= 1 ? scale : 1;
}

/**
 * Per machine what the Servers tab says: its state (FIM enabled on the workspace, silent periods, failing
 * entities) and which entities fail to collect and why, from each entity's last collection on the machine.
 */
export async function machineHealth(
  db: Db,
  workspaceId: string,
  machines: MachineRow[],
  now = new Date(),
): Promise<Map<string, MachineHealth>> {
  const ids = machines.map((m) => m.id);
  const [workspace, failing] = await Promise.all([
    db.workspace.findUnique({ where: { id: workspaceId }, select: { fimEnabled: true } }),
    ids.length
      ? db.entityCollectionState.findMany({
          where: { machineId: { in: ids }, lastError: { not: null }, entity: { enabled: true } },
          select: { machineId: true, lastError: true, entity: { select: { itemName: true } } },
          orderBy: { entity: { itemName: "asc" } },
        })
      : Promise.resolve([]),
  ]);
  const errors = new Map<string, { entity: string; error: string }[]>();
  for (const f of failing) {
    const list = errors.get(f.machineId) ?? [];
    list.push({ entity: f.entity.itemName, error: f.lastError ?? "" });
    errors.set(f.machineId, list);
  }
  const scale = scannerTimeScale();
  const out = new Map<string, MachineHealth>();
  for (const m of machines) {
    const entityErrors = errors.get(m.id) ?? [];
    const scanFailed = m.collectionStatus === "ERROR" || m.collectionStatus === "WARNING";
    // A failed scan without a failing entity: say why the scan failed, so the state never comes without a reason.
    if (scanFailed && entityErrors.length === 0 && m.lastError) entityErrors.push({ entity: "Scan", error: m.lastError });
    const state = machineState(
      {
        fimEnabled: workspace?.fimEnabled ?? false,
        os: m.osFamily,
        lastReportAt: m.lastReportAt,
        failingEntities: entityErrors.length,
        scanFailed,
      },
      now,
      scale,
    );
    out.set(m.id, { state, entityErrors: entityErrors.slice(0, MAX_ERRORS) });
  }
  return out;
}
