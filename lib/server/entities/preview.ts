import "server-only";
import os from "node:os";
import { ZPreviewBody, type TPreviewMachine, type TPreviewResult } from "@/lib/contracts/entities";
import { MAX_FILES_PER_MACHINE } from "@/lib/domain/paths";
import type { Db } from "../db";
import { AppError } from "../errors";
import { zodIssues } from "../request";
import { decideRule, hostReadPolicy, isAllowed, type HostReadPolicy } from "../local-host/read-policy";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { matchInventory } from "./preview-inventory";
import { isVirtual, walkLinuxRule, type WalkLimits, type WalkResult } from "./preview-walk";

export const PREVIEW_LIMITS: WalkLimits = { maxEntries: 20_000, budgetMs: 2_000, sampleSize: 20 };

export type PreviewHost = { name: string; platform: NodeJS.Platform };
const thisHost = (): PreviewHost => ({ name: os.hostname(), platform: process.platform });

const machinesWord = (n: number) => `${n} machine${n === 1 ? "" : "s"}`;

/**
 * Preview of a Linux file rule before it is saved: how many files it matches on the workspace's Linux machines, and
 * a sample. It is evaluated against what each machine last reported (its inventory), never against the disk of the
 * host running the portal, with one exception: the Vigil host's own machine (vigil-local-host), when this process
 * runs on it, is walked on disk for a rule inside the folders its operator allows (hostReadPolicy), and nothing of
 * Vigil's own data is listed. Only for editors, bounded in rows, entries and time; the path rules of validation
 * apply first, so a too-general path is refused, not evaluated.
 */
export async function previewEntityRule(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  input: unknown,
  host: PreviewHost = thisHost(),
  limits: WalkLimits = PREVIEW_LIMITS,
  policy?: HostReadPolicy,
): Promise<TPreviewResult> {
  await authorizeWorkspace(db, user, workspaceId, "entity.edit");
  const parsed = ZPreviewBody.safeParse(input);
  if (!parsed.success) {
    const fields = zodIssues(parsed.error);
    throw new AppError("validation_failed", `The rule cannot be previewed: ${fields[0].message}`, fields);
  }
  const rule = parsed.data;
  if (rule.kind === "WINDOWS_FILE") {
    return {
      supported: false,
      host: host.name,
      reason:
        "Windows paths can't be previewed: only Linux rules are. Each Windows machine resolves the rule, environment variables included, at its next scan and reports on the machine what it cannot resolve.",
    };
  }
  if (isVirtual(rule.path)) {
    return {
      supported: false,
      host: host.name,
      reason: "/proc and /sys are virtual file systems made by the kernel: their files change all the time and are not previewed.",
    };
  }
  const machines = await db.machine.findMany({
    where: { workspaceId, osFamily: "LINUX" },
    select: { id: true, name: true, agentKind: true, lastReportAt: true },
    orderBy: { name: "asc" },
  });
  if (!machines.length) {
    return {
      supported: false,
      host: host.name,
      reason:
        "This workspace has no Linux machine yet: a rule is previewed against what the workspace's machines last reported. Save it, and each machine reports what it matches at its next scan.",
    };
  }

  const started = performance.now();
  const notes: string[] = [];
  const local = host.platform === "win32" ? undefined : machines.find((m) => m.agentKind === "LOCAL" && m.name === host.name);
  let disk: WalkResult | null = null;
  if (local) {
    const p = policy ?? hostReadPolicy();
    const decision = decideRule(p, { ...rule, uploadContent: false });
    if (decision.allowListed) disk = await walkLinuxRule(rule, limits, (real) => isAllowed(p, real));
    else {
      notes.push(
        `${local.name} is the Vigil host: its disk is previewed only inside the folders its operator allows, so what it last reported is used.${decision.read ? "" : ` ${decision.reason}`}`,
      );
    }
  }
  const fromInventory = machines.filter((m) => m !== local || disk === null);
  const inventory = await matchInventory(
    db,
    fromInventory.map((m) => m.id),
    rule,
    limits.maxEntries,
  );

  const perMachine: TPreviewMachine[] = machines.map((m) => ({
    name: m.name,
    source: m === local && disk ? "disk" : "inventory",
    count: m === local && disk ? disk.count : (inventory.byMachine.get(m.id)?.length ?? 0),
    reportedAt: m.lastReportAt?.toISOString() ?? null,
  }));
  const paths = new Set([...(disk?.paths ?? []), ...[...inventory.byMachine.values()].flat()]);
  const truncatedReason =
    disk?.truncatedReason ??
    (inventory.truncated ? `stopped after reading ${limits.maxEntries.toLocaleString("en-US")} inventory rows` : null);
  if (fromInventory.length) {
    notes.unshift(
      `Matched against what ${machinesWord(fromInventory.length)} last reported: a file no entry tracks yet is not in their inventory, so the rule may match more once it is saved and scanned.`,
    );
  }
  if (disk) notes.push(...diskNotes(disk, rule.useSudo));
  const most = Math.max(...perMachine.map((m) => m.count));
  if (most > MAX_FILES_PER_MACHINE) {
    notes.push(
      `${truncatedReason ? "At least " : ""}${most.toLocaleString("en-US")} files on one machine: more than the ${MAX_FILES_PER_MACHINE} files a machine collects. The scanner stops at the limit and reports it on the machine; narrow the wildcard or turn off Recursion.`,
    );
  }
  return {
    supported: true,
    host: machines.length === 1 ? machines[0].name : machinesWord(machines.length),
    count: paths.size,
    truncated: truncatedReason !== null,
    truncatedReason,
    sample: [...paths].sort().slice(0, limits.sampleSize),
    unreadable: disk?.unreadable ?? 0,
    elapsedMs: Math.round(performance.now() - started),
    notes,
    machines: perMachine,
  };
}

function diskNotes(walk: WalkResult, useSudo: boolean): string[] {
  const notes = [...walk.notes];
  if (walk.refused > 0) {
    notes.push(
      `${walk.refused} folders or files are not shown: they are Vigil's own data, or outside the folders the operator of the Vigil host allows.`,
    );
  }
  if (walk.unreadable > 0) {
    notes.push(
      useSudo
        ? `${walk.unreadable} folders or files could not be read by the portal; the agent reads them with Use Sudo.`
        : `${walk.unreadable} folders or files could not be read (permission denied): turn on Use Sudo so the agent can read them.`,
    );
  }
  return notes;
}
