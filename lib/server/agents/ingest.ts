import "server-only";
import crypto from "node:crypto";
import {
  MAX_AGENT_BODY_BYTES,
  MAX_CONTENT_BYTES,
  MAX_ENTRIES_PER_REQUEST,
  MAX_SCANS_PER_REQUEST,
  toInventoryEntry,
  type TAgentConfig,
  type TAgentScansBody,
  type TAgentScanResult,
  type TAgentScansResponse,
} from "@/lib/contracts/agent";
import { roleAllows, strongestRole } from "@/lib/domain/roles";
import { changeTypesFor, entityKindsFor, intervalMs } from "@/lib/domain/schedule";
import type { Db } from "../db";
import { AppError } from "../errors";
import { commitScan } from "../ingest/commit-scan";
import { commitScanOnThread, commitThreadEnabled } from "../ingest/commit-thread";
import type { TAgentIdentity } from "../session";

export type AgentMachineRow = { id: string; name: string; workspaceId: string; osFamily: "LINUX" | "WINDOWS" };

/**
 * The machine of an agent token, once more checked against its creator's rights: a user who can no longer edit
 * the workspace (role removed or lowered to Reader) no longer has agents writing into it. The machine and the roles
 * were read with the token, in its one statement (authenticateToken); the decision is authorizeWorkspace's
 * (roleAllows).
 */
export function agentMachine(agent: TAgentIdentity): AgentMachineRow {
  const { machine, user } = agent;
  if (machine.agentKind !== "REMOTE") {
    throw new AppError(
      "conflict",
      `The machine "${machine.name}" is collected by ${KIND_WORDS[machine.agentKind]}, not by a remote agent.`,
    );
  }
  if (!roleAllows(strongestRole(machine.roles), "entity.edit")) {
    throw new AppError(
      "forbidden",
      `${user.email}, who registered this agent, may no longer edit its workspace: register it again with a Contributor's or Owner's token.`,
    );
  }
  return { id: machine.id, name: machine.name, workspaceId: machine.workspaceId, osFamily: machine.osFamily };
}

const KIND_WORDS = { SIMULATED: "the simulated fleet", LOCAL: "the scanner of the Vigil host", REMOTE: "a remote agent" } as const;

/** What the agent needs to scan: FIM state, configuration version and the enabled entities for its OS. */
export async function agentConfig(db: Db, machine: AgentMachineRow): Promise<TAgentConfig> {
  const ws = await db.workspace.findUniqueOrThrow({
    where: { id: machine.workspaceId },
    select: {
      id: true,
      name: true,
      fimEnabled: true,
      configVersion: true,
      verifyPeriodHours: true,
      entities: { where: { enabled: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const scans = ws.fimEnabled
    ? changeTypesFor(machine.osFamily).map((changeType) => {
        const kinds = entityKindsFor(changeType, machine.osFamily);
        const entities = ws.entities.filter((e) => kinds.includes(e.kind));
        const services = entities.map((e) => e.frequencySec).filter((f): f is number => f !== null);
        return {
          changeType,
          intervalSec: Math.round(intervalMs(changeType, machine.osFamily, services) / 1000),
          entities: entities.map((e) => ({
            id: e.id,
            kind: e.kind,
            path: e.path,
            pathType: e.pathType,
            recursion: e.recursion,
            useSudo: e.useSudo,
            links: e.links,
            uploadContent: e.uploadContent,
            valueName: e.valueName,
            frequencySec: e.frequencySec,
            verifyEveryScan: e.verifyEveryScan,
          })),
        };
      })
    : [];
  return {
    machineId: machine.id,
    machineName: machine.name,
    osFamily: machine.osFamily,
    workspaceId: ws.id,
    workspaceName: ws.name,
    fimEnabled: ws.fimEnabled,
    configVersion: ws.configVersion,
    verifyPeriodSec: ws.verifyPeriodHours * 3600,
    scans,
    limits: {
      maxBodyBytes: MAX_AGENT_BODY_BYTES,
      maxEntriesPerRequest: MAX_ENTRIES_PER_REQUEST,
      maxScansPerRequest: MAX_SCANS_PER_REQUEST,
      maxContentBytes: MAX_CONTENT_BYTES,
    },
  };
}

/** Counts the entries of a POST /scans body before the schema parses them: too many is a 413 at once. */
export function assertEntryCount(raw: unknown): void {
  const scans = (raw as { scans?: unknown } | null)?.scans;
  if (!Array.isArray(scans)) return;
  let entries = 0;
  for (const s of scans) {
    const e = (s as { entries?: unknown } | null)?.entries;
    if (Array.isArray(e)) entries += e.length;
  }
  if (entries > MAX_ENTRIES_PER_REQUEST) {
    throw new AppError(
      "payload_too_large",
      `The request carries ${entries.toLocaleString("en-US")} inventory entries; the limit is ${MAX_ENTRIES_PER_REQUEST.toLocaleString("en-US")}. Send fewer scans a request (a scan's inventory must stay whole), or track fewer files.`,
    );
  }
}

/** Uploaded contents, decoded and checked: each must be what its sha256 says (422 naming the field otherwise). */
function decodeContents(scanIndex: number, contents: TAgentScansBody["scans"][number]["contents"]): Map<string, Uint8Array> | undefined {
  if (!contents?.length) return undefined;
  const out = new Map<string, Uint8Array>();
  for (const [i, c] of contents.entries()) {
    const data = Buffer.from(c.base64, "base64");
    const field = `scans.${scanIndex}.contents.${i}`;
    if (data.byteLength > MAX_CONTENT_BYTES) {
      const message = "Uploaded file content is at most 5 MB a file.";
      throw new AppError("validation_failed", `The scan report is not valid: ${field}.base64: ${message}`, [
        { field: `${field}.base64`, message },
      ]);
    }
    if (crypto.createHash("sha256").update(data).digest("hex") !== c.sha256) {
      const message = "The content does not match its sha256: it was altered or truncated on the way.";
      throw new AppError("validation_failed", `The scan report is not valid: ${field}.sha256: ${message}`, [
        { field: `${field}.sha256`, message },
      ]);
    }
    out.set(c.sha256, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return out;
}

/**
 * Commits the scans of one request in order, each through the one write path. A scan id is the agent's own and
 * unique per machine (stored prefixed with the machine id, so another machine's ids can neither collide with nor
 * mask it). A failure stops the request with an error: the scans before it are committed, and resending the whole
 * request is safe because those come back as duplicates.
 */
export async function ingestScans(db: Db, machine: AgentMachineRow, body: TAgentScansBody): Promise<TAgentScansResponse> {
  for (const [i, s] of body.scans.entries()) {
    if (s.machineId !== undefined && s.machineId !== machine.id) {
      throw new AppError(
        "forbidden",
        `scans.${i}.machineId is not this agent token's machine: an agent token only writes its own machine.`,
      );
    }
  }
  const contents = body.scans.map((s, i) => decodeContents(i, s.contents));
  const commit = commitThreadEnabled() ? commitScanOnThread : commitScan;
  const results: TAgentScanResult[] = [];
  for (const [i, s] of body.scans.entries()) {
    const r = await commit(db, {
      scanId: storedScanId(machine.id, s.scanId),
      baseScanId: s.baseScanId === undefined ? undefined : storedScanId(machine.id, s.baseScanId),
      machineId: machine.id,
      changeType: s.changeType,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      entityIds: s.entityIds,
      entries: s.entries.map((e) => toInventoryEntry(s.changeType, e)),
      removed: s.removed,
      errors: s.errors,
      contents: contents[i],
      configVersion: s.configVersion,
    });
    let discardReason: TAgentScanResult["discardReason"] = null;
    if (r.needsFullInventory) discardReason = "full_inventory_needed";
    else if (r.discarded) {
      const ws = await db.workspace.findUnique({ where: { id: machine.workspaceId }, select: { fimEnabled: true } });
      discardReason = ws?.fimEnabled ? "config_changed" : "fim_disabled";
    }
    results.push({
      scanId: s.scanId,
      duplicate: r.duplicate,
      discarded: Boolean(r.discarded),
      discardReason,
      changes: r.changes,
      baselined: r.baselined,
      contentRefused: r.contentRefused,
    });
  }
  return { machineId: machine.id, results };
}

/** Scan ids are the agent's, unique per machine; the Scan table's id is global, so the machine id prefixes it. */
export const storedScanId = (machineId: string, scanId: string) => `agent-${machineId}-${scanId}`;
